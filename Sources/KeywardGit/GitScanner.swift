import Foundation
import KeywardScan

/// Scans what git holds: the staged changes, the lines a commit range adds, or every blob in history.
public struct GitScanner: Sendable {
    /// The repository read.
    public let repository: GitRepository
    /// The content scanner every blob goes through.
    public let scanner: ContentScanner
    /// Threads scanning blobs at once.
    public let parallelism: Int
    /// Scan only this shard (`--shard I/N`): blobs by id in `--history`, else files by path. Nil: everything.
    public var shard: Shard?

    /// The id of git's empty tree, the base of a first commit.
    public static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// Creates a scanner over `repository`; `parallelism` defaults to the number of cores.
    public init(
        repository: GitRepository, scanner: @escaping ContentScanner,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.repository = repository
        self.scanner = scanner
        self.parallelism = max(1, parallelism)
    }

    /// Runs one scan. Throws ``GitError`` when the repository or range cannot be read (fail closed).
    public func scan(_ mode: GitScanMode) throws -> GitScanResult {
        try scan(GitScanTarget.resolve(mode, in: repository))
    }

    /// Runs one scan of revisions already resolved. Throws ``GitError`` when git cannot answer.
    public func scan(_ target: GitScanTarget) throws -> GitScanResult {
        switch target {
        case .staged(_, let change):
            return try scanStaged(change)
        case .commits(let base, let head):
            return try scanCommits(base: base, head: head)
        case .history:
            return try scanHistory()
        }
    }

    /// Options shared by every patch this scanner asks git for.
    static let patchOptions = [
        "--raw", "-z", "--no-abbrev", "-p", "-U0", "--inter-hunk-context=0", "--no-color", "--no-ext-diff",
        "--no-textconv", "--submodule=short", "--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=none",
    ]

    /// Turns the entries of one diff into tasks; submodules, symlinks and conflicts go to `skipped`.
    func tasks(from diff: CommitDiff, skipped: inout [SkippedFile]) -> [BlobTask] {
        let aligned = diff.alignedPatches()
        var tasks: [BlobTask] = []
        for (index, entry) in diff.entries.enumerated() {
            if let shard, !shard.contains(pathBytes: entry.path) { continue }
            if entry.isUnmerged {
                skipped.append(SkippedFile(path: entry.pathString, reason: "unmerged"))
                continue
            }
            guard !entry.isDeletion, let blob = entry.newBlob else { continue }
            if let reason = Self.skipReason(mode: entry.newMode) {
                skipped.append(SkippedFile(path: entry.pathString, reason: reason))
                continue
            }
            let lines: BlobTask.Lines
            if entry.kind == "A" || entry.kind == "T" || entry.oldBlob == nil {
                lines = .all
            } else if let aligned, let patch = aligned[index] {
                if patch.binary {
                    lines = .diffNeeded
                } else if patch.added.isEmpty {
                    continue  // pure rename or mode change: nothing added
                } else {
                    lines = .added(Set(patch.added))
                }
            } else {
                lines = .diffNeeded
            }
            tasks.append(
                BlobTask(path: entry.pathString, blob: blob, oldBlob: entry.oldBlob, lines: lines, commit: diff.commit))
        }
        return tasks
    }

    /// Why a tree entry of `mode` is not scanned, or nil for regular files.
    static func skipReason(mode: String) -> String? {
        switch mode {
        case "160000": return "submodule"
        case "120000": return "symlink"
        default: return nil
        }
    }
}
