import Foundation
import KeywardAWS
import Testing
import TestSupport

/// Every command and format over the fixtures (the demo tree, its git history, a live key on moto):
/// no whole secret in standard output, standard error or any report, baseline or hook unless
/// `--show-secrets`; every journal or backup file holding a secret is 0600.
@Suite(.motoServer) struct SecretHygieneTests {
    /// A scratch area: the demo tree (a git repository) with a live key's files, outputs, state.
    struct Workspace {
        let base: URL
        var tree: String { base.appendingPathComponent("tree").path }
        var out: String { base.appendingPathComponent("out").path }
        var state: String { base.appendingPathComponent("state").path }
        var home: String { base.appendingPathComponent("home").path }
    }

    static func git(_ arguments: [String], in directory: String) throws {
        let env = ProcessInfo.processInfo.environment.merging(HostileRepository.isolated) { $1 }
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"] + arguments,
            in: directory, environment: env)
        guard result.status == 0 else { throw HostileRepositoryError(message: result.stderr) }
    }

    /// Secret values the scan reports (`--show-secrets`), access key IDs (identifiers) left out.
    static func secrets(in reportJSON: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(reportJSON.utf8)) as? [String: Any]
        var found = Set<String>()
        for finding in object?["findings"] as? [[String: Any]] ?? [] {
            guard let secret = finding["secret"] as? String, secret.count >= 8,
                secret != finding["key_id"] as? String
            else { continue }
            found.insert(secret)
        }
        return found
    }

    /// Regular files under `directory`, recursively.
    static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        return walker.compactMap { $0 as? String }.map { directory + "/" + $0 }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    func makeWorkspace(_ moto: MotoContext) async throws -> (Workspace, AWSCredentials) {
        let space = Workspace(base: FileManager.default.temporaryDirectory.appendingPathComponent("kw-hygiene-\(UUID())"))
        try FileManager.default.createDirectory(atPath: space.out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: space.home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.url("demo").path, toPath: space.tree)
        try Self.git(["init", "-q", "-b", "main"], in: space.tree)
        try Self.git(["commit", "-q", "--allow-empty", "-m", "base"], in: space.tree)
        try Self.git(["tag", "base"], in: space.tree)
        try Self.git(["add", "-A"], in: space.tree)
        try Self.git(["commit", "-q", "-m", "demo"], in: space.tree)
        // A staged (not committed) copy of a planted file, for --staged.
        try FileManager.default.copyItem(atPath: space.tree + "/services/api/database.env", toPath: space.tree + "/staged.env")
        try Self.git(["add", "staged.env"], in: space.tree)
        let iam = try IAMClient(configuration: moto.configuration)
        let user = "hygiene-\(UUID().uuidString.prefix(8))"
        _ = try await iam.createUser(userName: user)
        let key = try await iam.createAccessKey(userName: user).credentials
        let live = "AWS_ACCESS_KEY_ID=\(key.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(key.secretAccessKey)\n"
        try FileManager.default.createDirectory(atPath: space.tree + "/live", withIntermediateDirectories: true)
        try Data(live.utf8).write(to: URL(fileURLWithPath: space.tree + "/live/.env"))
        // Untracked: remediation rewrites it (and keeps a backup).
        return (space, key)
    }

    @Test func noWholeSecretInAnyOutput() async throws {
        let moto = try #require(MotoContext.current)
        let (space, key) = try await makeWorkspace(moto)
        defer { try? FileManager.default.removeItem(at: space.base) }
        var environment = HostileRepository.isolated
        environment.merge([
            "AWS_ENDPOINT_URL": moto.server.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": moto.operatorCredentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": moto.operatorCredentials.secretAccessKey, "AWS_REGION": "us-east-1",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent", "HOME": space.home,
        ]) { $1 }
        func keyward(_ arguments: [String]) throws -> ProcessResult {
            try CLIRunner.run(arguments, in: URL(fileURLWithPath: space.tree), environment: environment)
        }

        // The control: --show-secrets prints them, so the checks below can fail.
        let shown = try keyward(["scan", space.tree, "--format", "json", "--show-secrets"])
        var secrets = try Self.secrets(in: shown.stdout)
        #expect(secrets.contains(key.secretAccessKey))
        #expect(secrets.count >= 5, "the demo tree plants many secrets: \(secrets.count)")

        var outputs: [(String, String)] = []
        func record(_ arguments: [String], status expected: Set<Int32> = [0, 1]) throws {
            let result = try keyward(arguments)
            #expect(expected.contains(result.status), "\(arguments): exit \(result.status): \(result.stderr)")
            outputs.append(("\(arguments) stdout", result.stdout))
            outputs.append(("\(arguments) stderr", result.stderr))
        }
        let formats = ["text", "json", "sarif", "gitlab"]
        for format in formats {
            try record(["scan", space.tree, "--format", format])
            try record(["scan", space.tree, "--format", format, "--output", "\(space.out)/report.\(format)"])
            for mode in [["--staged"], ["--history"], ["--range", "base..HEAD"], ["--since", "base"]] {
                try record(["scan"] + mode + ["--format", format])
            }
        }
        try record(["scan", space.tree, "--verify", "--format", "json"])
        try record(["scan", space.tree, "--verify", "--no-color"])
        try record(["baseline", "create", "\(space.out)/baseline.json", space.tree])
        try record(["rules", "list"])
        try record(["rules", "test"])
        try record(["keys", "decode", key.accessKeyID])
        try record(["hook", "install"])
        try record(["rotate", key.accessKeyID, "--dry-run", "--state-dir", space.state], status: [0])
        try record(["scan", space.tree, "--remediate", "--dry-run", "--state-dir", space.state])
        try record(["scan", space.tree, "--remediate", "--yes", "--state-dir", space.state])
        try record(["rotate", "--resume", "--state-dir", space.state], status: [0])

        // The new secret the rotation wrote into live/.env is a secret too.
        let rewritten = try String(contentsOfFile: space.tree + "/live/.env", encoding: .utf8)
        let newSecret = rewritten.split(separator: "\n").first { $0.hasPrefix("AWS_SECRET_ACCESS_KEY=") }
            .map { String($0.dropFirst("AWS_SECRET_ACCESS_KEY=".count)) }
        let rotatedSecret = try #require(newSecret)
        #expect(rotatedSecret != key.secretAccessKey, "the live key was rotated")
        secrets.insert(rotatedSecret)

        for path in Self.files(under: space.out) + [space.tree + "/.git/hooks/pre-commit"] {
            outputs.append((path, (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""))
        }
        for (label, text) in outputs {
            for secret in secrets where text.contains(secret) {
                Issue.record("a whole secret (\(secret.prefix(4))…) appears in \(label)")
            }
        }
        // Journals and backups may hold a secret (to finish or undo a rotation): only as 0600 files.
        // Backups live in the state directory only (never in the work tree) and go with the old key.
        #expect(!Self.files(under: space.tree).contains { $0.contains("keyward-backup") }, "a backup was left in the tree")
        #expect(!Self.files(under: space.state).contains { $0.contains("/backups/") }, "backups outlived the old key")
        let held = Self.files(under: space.state)
        #expect(held.contains { $0.hasSuffix(".json") }, "remediation kept a journal")
        for path in held {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if secrets.contains(where: { text.contains($0) }) {
                #expect(Self.mode(path) & 0o777 == 0o600, "\(path) holds a secret with mode \(String(Self.mode(path), radix: 8))")
            }
        }
    }
}
