/// Where the config of a git-mode scan came from, and whether the change under review edits it.
///
/// In git modes the config is read from a commit the change cannot alter (the base of a range,
/// `HEAD` for `--staged` and `--history`), so a pull request cannot disable rules or allowlist its
/// own leak; `--config FILE` chooses a file instead.
public struct ConfigProvenance: Sendable, Hashable {
    /// `commit` (read from ``commit``), `file` (`--config`) or `none` (no commit to read it from).
    public var source: String
    /// The config path: `.keyward.toml` in the commit, or the `--config` file.
    public var path: String
    /// The commit the config was read from.
    public var commit: String?
    /// False when the commit holds no config (the built-in pack ran unchanged).
    public var found: Bool
    /// The scanned change (range, or staged changes) adds, edits or removes `.keyward.toml`.
    public var editedByChange: Bool

    /// Creates a provenance record.
    public init(source: String, path: String, commit: String? = nil, found: Bool, editedByChange: Bool) {
        self.source = source
        self.path = path
        self.commit = commit
        self.found = found
        self.editedByChange = editedByChange
    }

    /// One sentence for the text report and standard error when the change edits the config.
    public var note: String? {
        guard editedByChange else { return nil }
        let short = commit.map { String($0.prefix(12)) } ?? "none"
        let used: String
        switch source {
        case "file": used = "--config \(path)"
        case "commit": used = found ? "the version in commit \(short)" : "no config (commit \(short) has none)"
        default: used = "no config"
        }
        return "note: this change edits .keyward.toml; the edit is not applied (the scan used \(used))"
    }
}
