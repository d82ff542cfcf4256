import Foundation

/// A git repository (work tree or bare), driven through the `git` CLI.
public struct GitRepository: Sendable {
    /// Absolute path of the work tree's top level (or of the git directory when bare).
    public let root: String
    /// True for a bare repository (no work tree, no index).
    public let isBare: Bool
    /// The runner every git command goes through.
    public let runner: any GitRunning

    /// Opens the repository containing `path` (any directory inside the work tree).
    public init(path: String, runner: any GitRunning = ProcessGitRunner()) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GitError.notARepository(path: path, detail: "no such directory")
        }
        self.runner = runner
        let bare = try runner.run(["rev-parse", "--is-bare-repository"], in: path)
        guard bare.status == 0 else {
            let detail = bare.stderr.split(separator: "\n").first.map(String.init) ?? "git rev-parse failed"
            throw GitError.notARepository(path: path, detail: detail)
        }
        isBare = bare.text == "true"
        let top = try runner.run(
            isBare ? ["rev-parse", "--absolute-git-dir"] : ["rev-parse", "--show-toplevel"], in: path)
        guard top.status == 0, !top.text.isEmpty else {
            throw GitError.notARepository(path: path, detail: "cannot find the top level (is this inside .git?)")
        }
        root = top.text
    }

    /// Runs git at the top level and returns its output; throws ``GitError/commandFailed`` on a non-zero exit.
    func git(_ arguments: [String], input: [UInt8]? = nil) throws -> GitOutput {
        let output = try runner.run(arguments, in: root, input: input)
        guard output.status == 0 else {
            throw GitError.commandFailed(
                command: arguments.first ?? "", status: output.status, stderr: output.stderr)
        }
        return output
    }

    /// Runs git at the top level; returns nil instead of throwing on a non-zero exit.
    func gitIfSucceeds(_ arguments: [String]) throws -> GitOutput? {
        let output = try runner.run(arguments, in: root)
        return output.status == 0 ? output : nil
    }

    /// Streams git's output at the top level; throws ``GitError/commandFailed`` on a non-zero exit.
    func stream(_ arguments: [String], input: [UInt8]? = nil, body: (GitOutputStream) throws -> Void) throws {
        let output = try runner.stream(arguments, in: root, input: input, body: body)
        guard output.status == 0 else {
            throw GitError.commandFailed(
                command: arguments.first ?? "", status: output.status, stderr: output.stderr)
        }
    }

    /// Runs git at the top level with standard input written while its output is read (see
    /// ``GitRunning/streamWithInput(_:in:body:)``); throws ``GitError/commandFailed`` on a non-zero exit.
    func streamWithInput(_ arguments: [String], body: (GitInputWriter, GitOutputStream) throws -> Void) throws {
        let output = try runner.streamWithInput(arguments, in: root, body: body)
        guard output.status == 0 else {
            throw GitError.commandFailed(
                command: arguments.first ?? "", status: output.status, stderr: output.stderr)
        }
    }

    /// The full SHA of `revision` as a commit, or nil if it does not resolve.
    func resolveCommit(_ revision: String) throws -> String? {
        guard !revision.hasPrefix("-") else { return nil }
        let output = try gitIfSucceeds(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        return output.map(\.text).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True for a shallow clone.
    func isShallow() throws -> Bool {
        try gitIfSucceeds(["rev-parse", "--is-shallow-repository"])?.text == "true"
    }
}
