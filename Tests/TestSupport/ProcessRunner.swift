import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// Exit status (or signal number when `killed`).
    public var status: Int32
    /// The process ended on a signal (SIGKILL in crash tests).
    public var killed: Bool
    /// Standard output, UTF-8 decoded.
    public var stdout: String
    /// Standard error, UTF-8 decoded.
    public var stderr: String
}

/// Runs programs for tests: output captured through temporary files (no pipe can fill up and
/// deadlock), no standard input, the environment given whole.
public enum ProcessRunner {
    /// The `keyward` built with these tests: `$KEYWARD_BINARY`, else the one next to the test
    /// executable (so `--scratch-path .build-asan` tests the sanitized binary), else `.build/debug`.
    public static var keywardBinary: String {
        if let chosen = ProcessInfo.processInfo.environment["KEYWARD_BINARY"], !chosen.isEmpty { return chosen }
        var candidates: [String] = []
        if let test = CommandLine.arguments.first {
            var directory = URL(fileURLWithPath: test).resolvingSymlinksInPath().deletingLastPathComponent()
            // `keywardPackageTests.xctest` may be a bundle directory: climb out of it.
            while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
            candidates.append(directory.appendingPathComponent("keyward").path)
        }
        candidates += [".build/debug/keyward", ".build/x86_64-unknown-linux-gnu/debug/keyward"].map {
            Fixtures.repositoryRoot.appendingPathComponent($0).path
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 2]
    }

    /// Runs `executable` with `arguments` in `directory`, with exactly `environment` plus
    /// `AWS_EC2_METADATA_DISABLED=true` unless the caller set it: no test ever reaches a real
    /// instance-metadata address (a test of IMDS sets it to false and points the endpoint at loopback).
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = environment
        if environment["AWS_EC2_METADATA_DISABLED"] == nil { environment["AWS_EC2_METADATA_DISABLED"] = "true" }
        process.environment = environment
        let temporary = FileManager.default.temporaryDirectory
        let out = temporary.appendingPathComponent("kw-out-\(UUID().uuidString)")
        let err = temporary.appendingPathComponent("kw-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

extension Process {
    /// SIGTERM, then SIGKILL if it has not ended within `grace` seconds (the test servers' watchdogs).
    public func terminate(grace: TimeInterval) {
        guard isRunning else { return }
        terminate()
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(20_000) }
        if isRunning { kill(processIdentifier, SIGKILL) }
    }
}
