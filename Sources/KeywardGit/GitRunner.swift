import Foundation

/// Status and standard error of one finished git command (and its standard output when collected).
public struct GitOutput: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output, when the command was run with ``GitRunning/run(_:in:input:)``.
    public var stdout: [UInt8]
    /// Standard error, decoded as UTF-8.
    public var stderr: String

    /// Creates an output record.
    public init(status: Int32, stdout: [UInt8] = [], stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Standard output as text without the trailing newline.
    public var text: String {
        var out = String(decoding: stdout, as: UTF8.self)
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}

/// Runs the `git` CLI. One method, so other transports (or recorders) can stand in.
public protocol GitRunning: Sendable {
    /// Runs `git <arguments>` in `directory` with `input` on standard input, handing standard output to
    /// `body` as a stream; returns the exit status and standard error once the process has ended.
    func stream(
        _ arguments: [String], in directory: String, input: [UInt8]?,
        body: (GitOutputStream) throws -> Void
    ) throws -> GitOutput

    /// Runs `git <arguments>` in `directory` with standard input written by `body` while it reads
    /// standard output: `body` gets a writer for the input (git sees its end when the writer is
    /// closed, at the latest when `body` returns) and the output stream. Reading and writing from
    /// two threads is up to `body`: one thread doing both can deadlock once git's output fills.
    func streamWithInput(
        _ arguments: [String], in directory: String,
        body: (GitInputWriter, GitOutputStream) throws -> Void
    ) throws -> GitOutput
}

extension GitRunning {
    /// Runs git and collects its whole standard output.
    public func run(_ arguments: [String], in directory: String, input: [UInt8]? = nil) throws -> GitOutput {
        var collected: [UInt8] = []
        var output = try stream(arguments, in: directory, input: input) { stream in
            collected = try stream.readToEnd()
        }
        output.stdout = collected
        return output
    }
}
