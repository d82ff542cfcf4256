import KeywardScan

/// One entry of `--raw -z` output: a file changed between a commit's parent(s) (or HEAD) and it.
struct RawEntry: Sendable, Hashable {
    /// Number of parents compared (1 for ordinary diffs, 2+ for `-c` merge output).
    var parentCount: Int
    /// Mode on the first (or only) parent's side.
    var oldMode: String
    /// Mode of the new side (`000000` when deleted).
    var newMode: String
    /// Blob on the first (or only) parent's side; nil when absent.
    var oldBlob: String?
    /// Blob of the new side; nil when deleted or unmerged.
    var newBlob: String?
    /// Status letters (`A`, `M`, `R`, `C`, `D`, `T`, `U`; one per parent for merges).
    var status: String
    /// Source path (differs from `path` only for renames and copies).
    var oldPath: [UInt8]
    /// Destination path, as bytes.
    var path: [UInt8]

    /// The destination path as text.
    var pathString: String { String(decoding: path, as: UTF8.self) }
    /// First status letter.
    var kind: Character { status.first ?? "?" }
    /// True when the new side has no blob (deletions).
    var isDeletion: Bool { newMode == "000000" || kind == "D" }
    /// True for unmerged index entries (a conflicted merge).
    var isUnmerged: Bool { kind == "U" }
    /// Patch sections git prints for this entry (type changes print a deletion and a creation).
    var patchSectionCount: Int {
        if isUnmerged { return 0 }
        return kind == "T" ? 2 : 1
    }
}

/// The patch of one file from `-p -U0` output: which lines of the new side were added.
struct FilePatch: Sendable, Hashable {
    /// The `diff --git …` line.
    var header: [UInt8]
    /// Git printed `Binary files … differ` (content, or a `-diff` attribute).
    var binary = false
    /// 1-based line numbers, in the new side, of added lines.
    var added: [Int] = []
}

/// One commit's part of a `git log --raw -p -z` stream (or the single part of a `git diff`).
struct CommitDiff: Sendable, Equatable {
    /// The commit, nil for `git diff --cached`.
    var commit: CommitInfo?
    /// Raw entries in git's order.
    var entries: [RawEntry] = []
    /// Patch sections in git's order.
    var patches: [FilePatch] = []

    /// Each entry's patch (the last section for type changes), or nil when the sections do not line
    /// up with the entries exactly (the caller then diffs blobs itself).
    func alignedPatches() -> [FilePatch?]? {
        var result: [FilePatch?] = []
        var next = 0
        for entry in entries {
            let count = entry.patchSectionCount
            guard count > 0 else {
                result.append(nil)
                continue
            }
            guard next + count <= patches.count else { return nil }
            for offset in 0..<count
            where patches[next + offset].header != GitQuoting.diffHeader(old: entry.oldPath, new: entry.path) {
                return nil
            }
            result.append(patches[next + count - 1])
            next += count
        }
        return next == patches.count ? result : nil
    }
}
