/// Why a git scan or hook operation could not be done. Messages say how to fix it and never hold a secret.
public enum GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No `git` executable on PATH.
    case gitNotFound
    /// The path is not inside a git repository (or does not exist).
    case notARepository(path: String, detail: String)
    /// A mode that needs a work tree and index (`--staged`) was asked of a bare repository.
    case noWorkTree(path: String)
    /// A range argument is not of the form `A..B` / `A...B`.
    case invalidRange(String, reason: String)
    /// A ref or commit does not resolve in the repository.
    case unknownRevision(ref: String, repository: String, hint: String)
    /// A shallow clone lacks history the range needs.
    case shallowHistory(ref: String, depth: Int, repository: String)
    /// The two ends of a range share no history.
    case noCommonHistory(base: String, head: String, repository: String)
    /// A git command failed.
    case commandFailed(command: String, status: Int32, stderr: String)
    /// A git command printed something this code cannot read.
    case malformedOutput(command: String, detail: String)
    /// A pre-commit hook file could not be installed or removed as asked.
    case hookConflict(path: String, detail: String)
    /// A file operation failed.
    case io(path: String, detail: String)

    /// A one-paragraph message saying what went wrong and how to fix it.
    public var description: String {
        switch self {
        case .gitNotFound:
            return "git not found on PATH: install git (e.g. apt-get install git) and retry"
        case .notARepository(let path, let detail):
            return "\(path) is not a git repository: \(detail)"
        case .noWorkTree(let path):
            return "\(path) is a bare repository: --staged needs a work tree and an index"
        case .invalidRange(let range, let reason):
            return "invalid range '\(range)': \(reason); expected A..B (or A...B)"
        case .unknownRevision(let ref, let repository, let hint):
            return "cannot resolve '\(ref)' in \(repository): unknown revision; \(hint)"
        case .shallowHistory(let ref, let depth, let repository):
            return "repository \(repository) is shallow (depth \(depth)) and '\(ref)' is not in its history: "
                + "fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0; "
                + "GitLab: GIT_DEPTH: 0)"
        case .noCommonHistory(let base, let head, let repository):
            return "'\(base)' and '\(head)' share no history in \(repository): "
                + "check the range, or fetch the missing history (git fetch --unshallow)"
        case .commandFailed(let command, let status, let stderr):
            let detail = stderr.split(separator: "\n").first.map(String.init) ?? ""
            return "git \(command) failed (exit \(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .malformedOutput(let command, let detail):
            return "unexpected output from git \(command): \(detail)"
        case .hookConflict(let path, let detail):
            return "\(path): \(detail)"
        case .io(let path, let detail):
            return "\(path): \(detail)"
        }
    }
}
