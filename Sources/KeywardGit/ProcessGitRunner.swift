import Foundation
import KeywardGitSafety

/// Runs the real `git` executable with Foundation's `Process`: the one place scanning spawns git.
///
/// Every command gets ``HardenedGit/configArguments`` before its subcommand and runs in
/// ``HardenedGit/environment(inherited:overrides:)``, so the scanned repository's own config cannot
/// run a program (fsmonitor, hooks, pager, external diff, textconv, credential helper, transports).
/// Standard output is a pipe read by the caller; standard input and standard error are temporary
/// files, so no pipe can fill up and deadlock whatever the output size.
public struct ProcessGitRunner: GitRunning {
    /// Variables set on top of the inherited environment (tests isolate git config with them).
    public var environment: [String: String]
    /// The git executable.
    public var executable: String?

    /// Creates a runner; `executable` nil finds `git` on PATH.
    public init(environment: [String: String] = [:], executable: String? = nil) {
        self.environment = environment
        self.executable = executable
    }

    /// Runs git; see ``GitRunning``.
    public func stream(
        _ arguments: [String], in directory: String, input: [UInt8]?,
        body: (GitOutputStream) throws -> Void
    ) throws -> GitOutput {
        var inPath: String?
        defer { if let inPath { unlink(inPath) } }
        let standardInput: FileHandle
        if let input {
            let path = try Self.temporaryFile(contents: input)
            inPath = path
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw GitError.io(path: path, detail: "cannot open temporary file")
            }
            standardInput = handle
        } else {
            standardInput = FileHandle.nullDevice
        }
        return try run(arguments, in: directory, standardInput: standardInput, closeInputAfterLaunch: input != nil, body: body)
    }

    /// Runs git; see ``GitRunning/streamWithInput(_:in:body:)``. Standard input is one end of a
    /// socket pair, written with `MSG_NOSIGNAL`: a git that exits early makes the write fail
    /// (`EPIPE`, reported as an error) instead of killing keyward with SIGPIPE.
    public func streamWithInput(
        _ arguments: [String], in directory: String,
        body: (GitInputWriter, GitOutputStream) throws -> Void
    ) throws -> GitOutput {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
            throw GitError.io(path: "<git input>", detail: "socketpair failed (errno \(errno))")
        }
        shutdown(ends[0], Int32(SHUT_WR))
        shutdown(ends[1], Int32(SHUT_RD))
        let writer = GitInputWriter(fileDescriptor: ends[1])
        defer { writer.close() }
        let childEnd = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        return try run(arguments, in: directory, standardInput: childEnd, closeInputAfterLaunch: true) { output in
            try body(writer, output)
            writer.close()
        }
    }

    private func run(
        _ arguments: [String], in directory: String, standardInput: FileHandle, closeInputAfterLaunch: Bool,
        body: (GitOutputStream) throws -> Void
    ) throws -> GitOutput {
        guard let git = executable ?? Self.findGit() else { throw GitError.gitNotFound }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = HardenedGit.arguments(arguments)
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = HardenedGit.environment(
            inherited: ProcessInfo.processInfo.environment, overrides: environment)

        let errPath = try Self.temporaryFile(contents: [])
        defer { unlink(errPath) }
        guard let errHandle = FileHandle(forWritingAtPath: errPath) else {
            throw GitError.io(path: errPath, detail: "cannot open temporary file")
        }
        defer { try? errHandle.close() }
        process.standardError = errHandle
        process.standardInput = standardInput
        let pipe = Pipe()
        Self.widen(pipe)
        process.standardOutput = pipe
        let exit = ProcessExit(of: process)
        do {
            try process.run()
        } catch {
            throw GitError.gitNotFound
        }
        if closeInputAfterLaunch { try? standardInput.close() }
        let reader = GitOutputStream(fileDescriptor: pipe.fileHandleForReading.fileDescriptor)
        var bodyError: Error?
        do {
            try body(reader)
        } catch {
            bodyError = error
            process.terminate()
        }
        reader.drain()
        exit.wait()
        try? pipe.fileHandleForReading.close()
        let stderr = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        if let bodyError { throw bodyError }
        return GitOutput(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Asks for a 1 MiB pipe (Linux `F_SETPIPE_SZ`; the default is 64 KiB): `--history` moves every
    /// blob of the repository through cat-file's output, and a small pipe switches between git and
    /// the reading thread every 64 KiB. Best effort: a refusal (over `/proc/sys/fs/pipe-max-size`)
    /// leaves the default.
    private static func widen(_ pipe: Pipe) {
        #if os(Linux)
            let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, which Glibc's module does not export
            _ = fcntl(pipe.fileHandleForReading.fileDescriptor, setPipeSize, Int32(1 << 20))
        #endif
    }

    /// The first executable `git` in an absolute PATH directory (a relative entry such as `.` would
    /// let the scanned tree provide its own `git`).
    static func findGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where dir.hasPrefix("/") {
            let candidate = String(dir) + "/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// A new 0600 file in the temporary directory holding `contents`.
    static func temporaryFile(contents: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "/keyward-git-" + UUID().uuidString
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(contents), attributes: [.posixPermissions: 0o600])
        else {
            throw GitError.io(path: path, detail: "cannot create temporary file")
        }
        return path
    }
}
