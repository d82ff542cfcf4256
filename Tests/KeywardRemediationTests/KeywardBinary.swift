import Foundation
import TestSupport

/// Runs the built `keyward` binary (from `swift build --build-tests`) as a user would.
enum KeywardBinary {
    struct Result {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    static var path: String {
        let candidates = [".build/debug/keyward", ".build/x86_64-unknown-linux-gnu/debug/keyward"]
        return candidates.map { Fixtures.repositoryRoot.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["KEYWARD_TEST_STOP_AFTER"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kw-rout-\(UUID())")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("kw-rerr-\(UUID())")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Operator credentials and endpoints of the moto server, no shared files.
    static func environment(_ moto: MotoContext) -> [String: String] {
        [
            "AWS_ENDPOINT_URL": moto.server.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": moto.operatorCredentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": moto.operatorCredentials.secretAccessKey,
            "AWS_REGION": "us-east-1",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
        ]
    }
}
