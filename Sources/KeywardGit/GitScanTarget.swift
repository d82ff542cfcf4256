/// A ``GitScanMode`` with its revisions resolved once, so that the config a git-mode scan applies
/// and the scan itself read the same commits (and git is not asked twice).
public enum GitScanTarget: Sendable, Equatable {
    /// `--staged`: the index against `head` (nil before the first commit: against the empty tree),
    /// with the diff between them already read.
    case staged(head: String?, change: StagedChange)
    /// `--range` / `--since`: the commits of `base..head`.
    case commits(base: String, head: String)
    /// `--history`: every blob reachable from any ref; `head` is HEAD (nil in an empty repository).
    case history(head: String?)

    /// Resolves `mode`'s revisions in `repository`. Throws ``GitError`` when git cannot answer.
    public static func resolve(_ mode: GitScanMode, in repository: GitRepository) throws -> GitScanTarget {
        let resolver = RangeResolver(repository: repository)
        switch mode {
        case .staged:
            guard !repository.isBare else { throw GitError.noWorkTree(path: repository.root) }
            let head = repository.head
            return .staged(head: head, change: try StagedChange.read(base: head ?? GitScanner.emptyTree, in: repository))
        case .range(let spec):
            let range = try resolver.resolve(spec)
            return .commits(base: range.base, head: range.head)
        case .since(let ref):
            let range = try resolver.resolveSince(ref)
            return .commits(base: range.base, head: range.head)
        case .history:
            return .history(head: repository.head)
        }
    }
}
