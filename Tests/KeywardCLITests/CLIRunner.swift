import Foundation
import TestSupport

/// Runs the built `keyward` binary as a user would.
enum CLIRunner {
    /// Runs keyward with `arguments` in `directory`; `prefix` runs it through another program (setpriv…).
    static func run(
        _ arguments: [String], in directory: URL? = nil, prefix: [String] = [], environment: [String: String] = [:]
    ) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        let binary = ProcessRunner.keywardBinary
        if prefix.isEmpty {
            return try ProcessRunner.run(binary, arguments, in: directory?.path, environment: env)
        }
        return try ProcessRunner.run("/usr/bin/env", prefix + [binary] + arguments, in: directory?.path, environment: env)
    }
}
