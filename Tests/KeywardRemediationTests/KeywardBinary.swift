import Foundation
import TestSupport

/// Runs the built `keyward` binary (from `swift build --build-tests`) as a user would.
enum KeywardBinary {
    static func run(_ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["KEYWARD_TEST_STOP_AFTER"] = nil
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(ProcessRunner.keywardBinary, arguments, environment: env)
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
