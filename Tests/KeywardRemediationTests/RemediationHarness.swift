import Foundation
import KeywardAWS
import Synchronization
@testable import KeywardRemediation
import TestSupport

/// A clock tests move by hand; `sleep` advances it instead of waiting.
final class TestClock: RemediationClock, Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func sleep(for duration: Duration) async throws { advance(Double(duration.components.seconds)) }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The real file system, except that writing `failing` fails (a read-only file, as far as keyward can tell).
struct FailingFileSystem: FileSystemOps {
    let base = LocalFileSystem()
    let failing: String

    func read(_ path: String) throws -> Data { try base.read(path) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func attributes(_ path: String) -> FileAttributes? { base.attributes(path) }
    func writeAtomically(_ path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws {
        if path == failing { throw RemediationError.file(path: path, reason: "cannot replace: Read-only file system") }
        try base.writeAtomically(path, data: data, mode: mode, owner: owner)
    }
    func createDirectory(_ path: String, mode: mode_t) throws { try base.createDirectory(path, mode: mode) }
    func list(_ path: String) throws -> [String] { try base.list(path) }
    func remove(_ path: String) throws { try base.remove(path) }
    func createExclusively(_ path: String, data: Data, mode: mode_t) throws -> Bool {
        try base.createExclusively(path, data: data, mode: mode)
    }
    func move(_ path: String, to destination: String) throws { try base.move(path, to: destination) }
    func entry(_ path: String) -> FileEntry? { base.entry(path) }
    func realPath(_ path: String) -> String? { base.realPath(path) }
}

/// One leaked key in moto and a tree of config files holding it.
struct LeakFixture {
    let moto: MotoContext
    let iam: IAMClient
    let user: String
    let key: AWSCredentials
    let root: URL
    let stateDir: URL

    static let files = ["config/credentials", "app/.env", "settings.json", "deploy.yaml"]
    static let trackedFile = "tracked/prod.env"

    /// A new user with one active key, the files, a git repo tracking `tracked/prod.env`.
    static func make(_ moto: MotoContext, prefix: String, extraKeys: Int = 0) async throws -> LeakFixture {
        let iam = try IAMClient(configuration: moto.configuration)
        let user = "\(prefix)-\(UUID().uuidString.prefix(8))"
        _ = try await iam.createUser(userName: user)
        for _ in 0..<extraKeys { _ = try await iam.createAccessKey(userName: user) }
        let key = try await iam.createAccessKey(userName: user).credentials
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-remed-\(UUID())")
        let stateDir = root.appendingPathComponent("state")
        let tree = root.appendingPathComponent("tree")
        let id = key.accessKeyID
        let secret = key.secretAccessKey
        let contents: [String: String] = [
            "config/credentials":
                "# team credentials\n[default]\nregion = us-east-1\n\n; the CI bot\n[ci]\naws_access_key_id = \(id)\n"
                + "aws_secret_access_key = \(secret)\n\n[other]\noutput = json\n",
            "app/.env": "DEBUG=1\nAWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n",
            "settings.json": "{\n  \"aws\": {\"access_key_id\": \"\(id)\", \"secret_access_key\": \"\(secret)\"},\n  \"name\": \"api\"\n}\n",
            "deploy.yaml": "service: api\naws:\n  access_key_id: \(id)\n  secret_access_key: \(secret)\n",
            trackedFile: "AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n",
        ]
        for (path, text) in contents where !path.isEmpty {
            let url = tree.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["init", "-q"], in: tree)
        try git(["add", trackedFile], in: tree)
        return LeakFixture(moto: moto, iam: iam, user: user, key: key, root: tree, stateDir: stateDir)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }
    func cleanup() { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    func keys() async throws -> [AccessKeyMetadata] { try await iam.listAccessKeys(userName: user) }

    func request(grace: TimeInterval = 0, deliveries: [DeliveryTarget] = []) -> RotationRequest {
        RotationRequest(
            keyID: key.accessKeyID, oldSecret: key.secretAccessKey,
            files: (Self.files + [Self.trackedFile]).map(path), deliveries: deliveries, grace: grace)
    }

    func rotator(
        _ environment: RemediationEnvironment = RemediationEnvironment(), configuration: AWSConfiguration? = nil,
        options: AWSClientOptions = AWSClientOptions()
    ) -> Rotator {
        var environment = environment
        environment.verifyBackoff = .milliseconds(50)
        return Rotator(
            configuration: configuration ?? moto.configuration, journalDirectory: stateDir.path,
            environment: environment, options: options)
    }

    /// Every secret this fixture's rotation may handle: the old one and any the user's new key has.
    func secrets(_ journal: RotationJournal?) -> [String] {
        [key.secretAccessKey] + [journal?.newSecret].compactMap { $0 }
    }

    /// The new pair authenticates with STS and belongs to the user.
    func authenticates(_ credentials: AWSCredentials) async throws -> Bool {
        let sts = STSClient(credentials: credentials, endpoint: moto.configuration.endpoint(for: .sts))
        return try await sts.getCallerIdentity().arn.hasSuffix(":user/\(user)")
    }

    static func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
