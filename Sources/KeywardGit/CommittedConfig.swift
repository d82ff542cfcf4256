import KeywardScan

/// The `.keyward.toml` a git-mode scan applies, read from a commit the scanned change cannot alter:
/// the base of `--range`/`--since`, and `HEAD` for `--staged` (the last commit, so the hook judges a
/// commit as CI will) and `--history`. Also says whether the change edits it.
public struct CommittedConfig: Sendable, Equatable {
    /// The config's path at the repository's top level.
    public static let path = ".keyward.toml"

    /// The commit read, or nil when there is none (`--staged` before the first commit, empty history).
    public var commit: String?
    /// The config text in that commit, nil when it holds none.
    public var text: String?
    /// The scanned change adds, edits or removes the config (index vs HEAD; head vs base).
    public var editedByChange: Bool

    /// Creates a record.
    public init(commit: String?, text: String?, editedByChange: Bool) {
        self.commit = commit
        self.text = text
        self.editedByChange = editedByChange
    }

    /// Reads the config that `mode` is judged by. Throws ``GitError`` when git cannot answer, or when
    /// the config in the commit is not a regular file (fail closed).
    public static func read(for mode: GitScanMode, in repository: GitRepository) throws -> CommittedConfig {
        try read(for: GitScanTarget.resolve(mode, in: repository), in: repository)
    }

    /// Reads the config that `target` (a mode already resolved) is judged by.
    public static func read(for target: GitScanTarget, in repository: GitRepository) throws -> CommittedConfig {
        switch target {
        case .staged(let head, let change):
            let committed = try head.map { try blob(at: $0, in: repository) } ?? nil
            return try make(commit: head, blob: committed, edited: change.touches(path), in: repository)
        case .commits(let base, let head):
            return try between(base: base, head: head, in: repository)
        case .history(let head):
            let committed = try head.map { try blob(at: $0, in: repository) } ?? nil
            return try make(commit: head, blob: committed, edited: false, in: repository)
        }
    }

    private static func between(base: String, head: String, in repository: GitRepository) throws -> CommittedConfig {
        let before = try blob(at: base, in: repository)
        let after = try blob(at: head, in: repository)
        return try make(commit: base, blob: before, edited: before != after, in: repository)
    }

    private static func make(
        commit: String?, blob: String?, edited: Bool, in repository: GitRepository
    ) throws -> CommittedConfig {
        let text = try blob.map { String(decoding: try repository.git(["cat-file", "blob", $0]).stdout, as: UTF8.self) }
        return CommittedConfig(commit: commit, text: text, editedByChange: edited)
    }

    /// The blob id of the config in `commit`, nil when absent; throws when it is not a regular file.
    static func blob(at commit: String, in repository: GitRepository) throws -> String? {
        let listing = try repository.git(["ls-tree", "-z", "--full-tree", commit, "--", path]).stdout
        guard let entry = listing.split(separator: 0).first else { return nil }
        // `<mode> SP <type> SP <oid> TAB <path>`
        let fields = String(decoding: entry, as: UTF8.self).split(separator: "\t", maxSplits: 1)
        let head = fields.first?.split(separator: " ") ?? []
        guard head.count == 3, head[0] == "100644" || head[0] == "100755", head[1] == "blob" else {
            throw GitError.malformedOutput(
                command: "ls-tree", detail: "\(path) in commit \(commit.prefix(12)) is not a regular file")
        }
        return String(head[2])
    }
}
