import Foundation

/// A git repository (work tree or bare), driven through the `git` CLI.
public struct GitRepository: Sendable {
    /// Absolute path of the work tree's top level (or of the git directory when bare).
    public let root: String
    /// True for a bare repository (no work tree, no index).
    public let isBare: Bool
    /// The runner every git command goes through.
    public let runner: any GitRunning
    /// HEAD's commit when the repository was opened; nil while HEAD is unborn (no commit yet).
    /// `--staged` and `--history` read HEAD from here: the same git call that found the top level
    /// answered it (each git process costs a pre-commit check about 2 ms).
    public let head: String?

    /// Opens the repository containing `path` (any directory inside the work tree).
    public init(path: String, runner: any GitRunning = ProcessGitRunner()) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GitError.notARepository(path: path, detail: "no such directory")
        }
        self.runner = runner
        // A work tree, the usual case, is answered in one call: `false`, its top level and HEAD's
        // commit (exit 1 with no third line when HEAD is unborn). Anything else takes the long way.
        let probe = try runner.run(
            ["rev-parse", "--is-bare-repository", "--show-toplevel"] + Self.verifyCommit("HEAD"), in: path)
        let lines = probe.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if probe.status == 0 || probe.status == 1, lines.count == (probe.status == 0 ? 3 : 2),
            lines[0] == "false", lines[1].hasPrefix("/"), probe.status == 1 || Self.isObjectID(lines[2])
        {
            isBare = false
            root = lines[1]
            head = probe.status == 0 ? lines[2] : nil
            return
        }
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
        head = try Self.resolveCommit("HEAD", runner: runner, in: root)
    }

    /// `rev-parse` arguments that print `revision`'s commit, or exit 1 quietly when there is none.
    private static func verifyCommit(_ revision: String) -> [String] {
        ["--verify", "--quiet", "--end-of-options", revision + "^{commit}"]
    }

    /// A full object id: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
    static func isObjectID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
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
        try Self.resolveCommit(revision, runner: runner, in: root)
    }

    private static func resolveCommit(_ revision: String, runner: any GitRunning, in root: String) throws -> String? {
        guard !revision.hasPrefix("-") else { return nil }
        let output = try runner.run(["rev-parse"] + verifyCommit(revision), in: root)
        return output.status == 0 && !output.text.isEmpty ? output.text : nil
    }

    /// True for a shallow clone.
    func isShallow() throws -> Bool {
        try gitIfSucceeds(["rev-parse", "--is-shallow-repository"])?.text == "true"
    }
}
