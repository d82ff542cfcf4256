import Foundation

/// Runs the built `keyward` binary as a user would.
enum CLIRunner {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug binary `swift build --build-tests` produced.
    static var binary: URL {
        let candidates = [".build/debug/keyward", ".build/x86_64-unknown-linux-gnu/debug/keyward"]
        return candidates.map { repoRoot.appendingPathComponent($0) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? repoRoot.appendingPathComponent(candidates[0])
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs keyward with `arguments` in `directory`; `prefix` runs it through another program (setpriv…).
    static func run(
        _ arguments: [String], in directory: URL? = nil, prefix: [String] = [], environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        let command = prefix + [binary.path] + arguments
        process.executableURL = URL(fileURLWithPath: prefix.isEmpty ? binary.path : "/usr/bin/env")
        process.arguments = prefix.isEmpty ? arguments : command
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("kw-out-\(UUID())")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kw-err-\(UUID())")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
