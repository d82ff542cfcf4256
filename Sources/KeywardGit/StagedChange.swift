/// What the index changes against HEAD, as one `git diff --cached` reports it. Read once, when a
/// `--staged` scan is resolved: the config check (does the change edit `.keyward.toml`?) and the
/// scan itself use the same diff, and a pre-commit check starts one git process fewer.
public struct StagedChange: Sendable, Equatable {
    /// The diff's single part (`git diff` prints no commits).
    let diffs: [CommitDiff]

    /// Runs `git diff --cached` against `base` (HEAD's commit, or the empty tree before the first commit).
    static func read(base: String, in repository: GitRepository) throws -> StagedChange {
        var diffs: [CommitDiff] = []
        let arguments = ["diff", "--cached", "-M"] + GitScanner.patchOptions + [base, "--"]
        try repository.stream(arguments) { stream in
            try DiffStreamParser(stream, command: "diff --cached").parse { diffs.append($0) }
        }
        return StagedChange(diffs: diffs)
    }

    /// True when the change adds, edits (content or mode), renames, removes or leaves in conflict the
    /// file at `path` (repository-relative, `/`-separated).
    public func touches(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        return diffs.contains { diff in diff.entries.contains { $0.path == bytes || $0.oldPath == bytes } }
    }
}
