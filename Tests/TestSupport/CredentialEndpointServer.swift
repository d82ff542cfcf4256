import Foundation
import KeywardAWS

#if canImport(Glibc)
    import Glibc
#endif

/// `fixtures/aws/credential_endpoints.py` on 127.0.0.1 and a free port: the IMDSv2, container and SSO
/// portal endpoints, handing out the credentials it is given. It exits with the test process.
public final class CredentialEndpointServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: URL
    private let process: Process
    private let directory: URL

    /// What the server hands out and checks.
    public struct Config: Encodable {
        /// The credentials every route answers with.
        public var credentials: [String: String]
        /// The `Authorization` the container route wants (nil: any).
        public var container_token: String?
        /// PUT /latest/api/token answers 403.
        public var imds_refuse_token = false
        /// The role IMDS names.
        public var imds_role = "ops-role"
        /// The bearer token, role and account the SSO route wants.
        public var sso_token: String?
        public var sso_role: String?
        public var sso_account: String?

        /// Hands out `credentials` (their session token as `Token`).
        public init(credentials: AWSCredentials) {
            var values = [
                "AccessKeyId": credentials.accessKeyID, "SecretAccessKey": credentials.secretAccessKey,
                "Expiration": "2099-01-01T00:00:00Z",
            ]
            values["Token"] = credentials.sessionToken
            self.credentials = values
        }
    }

    private init(endpoint: URL, process: Process, directory: URL) {
        self.endpoint = endpoint
        self.process = process
        self.directory = directory
    }

    deinit { stop() }

    /// Starts the server and waits until it accepts connections.
    public static func start(_ config: Config) async throws -> CredentialEndpointServer {
        let port = try MotoServer.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kw-endpoints-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("config.json")
        try JSONEncoder().encode(config).write(to: configFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Fixtures.repositoryRoot.appendingPathComponent("fixtures/aws/credential_endpoints.py").path,
            String(port), configFile.path,
        ]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        guard let endpoint = URL(string: "http://127.0.0.1:\(port)") else {
            throw MotoServerError.didNotStart("bad port \(port)")
        }
        let server = CredentialEndpointServer(endpoint: endpoint, process: process, directory: directory)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !process.isRunning { throw MotoServerError.didNotStart("credential_endpoints.py exited") }
            if MotoServer.canConnect(port: port) { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw MotoServerError.didNotStart("credential_endpoints.py: no answer on port \(port)")
    }

    /// The requests received so far: method, path and lower-cased headers.
    public var requests: [(method: String, path: String, headers: [String: String])] {
        let log = directory.appendingPathComponent("config.json.log")
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let method = object["method"] as? String, let path = object["path"] as? String
            else { return nil }
            return (method, path, object["headers"] as? [String: String] ?? [:])
        }
    }

    /// Stops the server; safe to call twice.
    public func stop() {
        process.terminate(grace: 5)
        try? FileManager.default.removeItem(at: directory)
    }
}
