import Foundation
import KeywardAWS
import TestSupport
import Testing

/// Quiet verification, canaries and the remediation ledger, end to end through the binary and moto.
@Suite(.motoServer) struct IncidentCommandTests {
    struct Planted {
        let root: URL
        let key: AWSCredentials
        let user: String
        let iam: IAMClient
        let environment: [String: String]

        func lastUsed() async throws -> Date? { try await iam.getAccessKeyLastUsed(accessKeyID: key.accessKeyID).lastUsedDate }
        func cleanup() { try? FileManager.default.removeItem(at: root) }
    }

    static func plant(_ moto: MotoContext, prefix: String) async throws -> Planted {
        let iam = try IAMClient(configuration: moto.configuration)
        let user = "\(prefix)-\(UUID().uuidString.prefix(8))"
        _ = try await iam.createUser(userName: user)
        let key = try await iam.createAccessKey(userName: user).credentials
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-inc-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("AWS_ACCESS_KEY_ID=\(key.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(key.secretAccessKey)\n".utf8)
            .write(to: root.appendingPathComponent("leak.env"))
        let environment = [
            "AWS_ENDPOINT_URL": moto.server.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": moto.operatorCredentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": moto.operatorCredentials.secretAccessKey,
            "AWS_REGION": "us-east-1", "XDG_STATE_HOME": root.appendingPathComponent("state").path,
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
        ]
        return Planted(root: root, key: key, user: user, iam: iam, environment: environment)
    }

    static func verification(_ result: ProcessResult, _ keyID: String) throws -> [String: Any]? {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let keys = object?["keys"] as? [[String: Any]] ?? []
        return keys.first { $0["key_id"] as? String == keyID }?["verification"] as? [String: Any]
    }

    @Test func quietVerificationSignsNothingWithTheLeakedKey() async throws {
        let moto = try #require(MotoContext.current)
        let planted = try await Self.plant(moto, prefix: "quiet")
        defer { planted.cleanup() }
        let path = planted.root.appendingPathComponent("leak.env").path
        #expect(try await planted.lastUsed() == nil)
        let quiet = try CLIRunner.run(["scan", path, "--verify", "--format", "json"], environment: planted.environment)
        #expect(quiet.status == 1, "\(quiet.stderr)")
        let verdict = try #require(try Self.verification(quiet, planted.key.accessKeyID), "\(quiet.stdout)")
        #expect(verdict["status"] as? String == "live")
        #expect(verdict["method"] as? String == "quiet")
        #expect(verdict["user"] as? String == planted.user)
        #expect(verdict["key_status"] as? String == "Active")
        // The leaked key signed nothing: its last use is still "never".
        #expect(try await planted.lastUsed() == nil)
        #expect(try CLIRunner.run(["scan", path, "--verify", "--fail-on", "live"], environment: planted.environment).status == 1)
        // Signing on request does use it (so the check above could fail).
        let signed = try CLIRunner.run(["scan", path, "--verify=sign", "--format", "json"], environment: planted.environment)
        #expect(try Self.verification(signed, planted.key.accessKeyID)?["method"] as? String == "sign")
        #expect(try await planted.lastUsed() != nil)
        // Without operator credentials, --verify=quiet says unverified instead of signing.
        var noOperator = planted.environment
        noOperator["AWS_ACCESS_KEY_ID"] = nil
        noOperator["AWS_SECRET_ACCESS_KEY"] = nil
        var bare = ProcessInfo.processInfo.environment
        bare["AWS_ACCESS_KEY_ID"] = nil
        bare["AWS_SECRET_ACCESS_KEY"] = nil
        for (key, value) in noOperator { bare[key] = value }
        let unseen = try ProcessRunner.run(
            ProcessRunner.keywardBinary, ["scan", path, "--verify=quiet", "--format", "json"], environment: bare)
        #expect(try Self.verification(unseen, planted.key.accessKeyID)?["status"] as? String == "unverified", "\(unseen.stdout) \(unseen.stderr)")
    }

    @Test func canaryKeysAreNeverSentNorRotated() async throws {
        let moto = try #require(MotoContext.current)
        let planted = try await Self.plant(moto, prefix: "canary")
        defer { planted.cleanup() }
        let path = planted.root.appendingPathComponent("leak.env").path
        // moto's account stands in for a canary account.
        let canary = ["--canary-account", "123456789012"]
        let offline = try CLIRunner.run(["scan", path, "--format", "json"] + canary, environment: planted.environment)
        let object = try JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any]
        #expect(((object?["keys"] as? [[String: Any]])?.first?["canary"] as? Bool) == true, "\(offline.stdout)")
        for mode in ["--verify=sign", "--verify", "--remediate"] {
            let result = try CLIRunner.run(["scan", path, mode, "--yes", "--format", "json"] + canary, environment: planted.environment)
            let verdict = try Self.verification(result, planted.key.accessKeyID)
            #expect(verdict?["status"] as? String == "canary", "\(mode): \(result.stdout) \(result.stderr)")
            #expect(verdict?["method"] as? String == "offline")
        }
        #expect(try await planted.lastUsed() == nil)
        #expect(try await planted.iam.listAccessKeys(userName: planted.user).map(\.accessKeyID) == [planted.key.accessKeyID])
        let text = try CLIRunner.run(["scan", path] + canary, environment: planted.environment)
        #expect(text.stdout.contains("canary"), "\(text.stdout)")
    }

    @Test func theLedgerMarksRotatedKeysAndFailOnUnremediatedPasses() async throws {
        let moto = try #require(MotoContext.current)
        let planted = try await Self.plant(moto, prefix: "ledger")
        defer { planted.cleanup() }
        let history = planted.root.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: planted.root.appendingPathComponent("leak.env"), to: history.appendingPathComponent("old.env"))
        let ledger = planted.root.appendingPathComponent(".keyward-ledger.json").path
        let before = try CLIRunner.run(
            ["scan", history.path, "--ledger", ledger, "--fail-on", "unremediated"], environment: planted.environment)
        #expect(before.status == 1, "\(before.stderr)")
        let quarantine = "AWSCompromisedKeyQuarantineV2-\(planted.user)"
        let arn = try await planted.iam.createPolicy(name: quarantine, policyDocument: MotoServer.allowAllPolicy)
        try await planted.iam.attachUserPolicy(userName: planted.user, policyArn: arn)
        let rotated = try CLIRunner.run(
            ["scan", planted.root.appendingPathComponent("leak.env").path, "--remediate", "--yes", "--record-ledger", ledger,
             "--release-quarantine"],
            environment: planted.environment)
        #expect(rotated.stderr.contains("rotated"), "\(rotated.stderr)")
        // The incident is closed: older sessions denied, AWS's quarantine lifted.
        let deny = try await planted.iam.getUserPolicy(
            userName: planted.user, policyName: "keyward-deny-sessions-before-\(planted.key.accessKeyID)")
        #expect(deny.contains("aws:TokenIssueTime"))
        #expect(try await planted.iam.listAttachedUserPolicies(userName: planted.user).isEmpty)
        #expect(rotated.stderr.contains("older sessions denied") && rotated.stderr.contains("quarantine released: \(quarantine)"), "\(rotated.stderr)")
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        #expect(text.contains(planted.key.accessKeyID) && !text.contains(planted.key.secretAccessKey))
        let after = try CLIRunner.run(
            ["scan", history.path, "--ledger", ledger, "--fail-on", "unremediated", "--format", "json"],
            environment: planted.environment)
        #expect(after.status == 0, "\(after.stdout) \(after.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.isEmpty && findings.allSatisfy { $0["remediated"] as? Bool == true }, "\(after.stdout)")
        let key = (object?["keys"] as? [[String: Any]])?.first
        #expect((key?["remediation"] as? [String: Any])?["new_key_id"] as? String != nil)
        // The state directory's ledger is read by default.
        let byDefault = try CLIRunner.run(["scan", history.path, "--fail-on", "unremediated"], environment: planted.environment)
        #expect(byDefault.status == 0, "\(byDefault.stdout) \(byDefault.stderr)")
        #expect(byDefault.stdout.contains("remediated"))
    }
}

/// `keyward keys audit`: ages and CIS flags, rotation of old keys where a scan finds them, unused keys off.
@Suite(.motoServer) struct KeysAuditCommandTests {
    @Test func auditFlagsRotatesAndDeactivates() async throws {
        let moto = try #require(MotoContext.current)
        let old = try await IncidentCommandTests.plant(moto, prefix: "aged")
        defer { old.cleanup() }
        let idle = try await IncidentCommandTests.plant(moto, prefix: "idle")
        defer { idle.cleanup() }
        var later = old.environment
        later["KEYWARD_TEST_NOW"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(100 * 86_400 + 600))

        let today = try CLIRunner.run(["keys", "audit", "--user", old.user, "--format", "json"], environment: old.environment)
        #expect(today.status == 0, "\(today.stderr)")
        let todayKeys = try #require(try JSONSerialization.jsonObject(with: Data(today.stdout.utf8)) as? [String: Any])["keys"] as? [[String: Any]]
        #expect(todayKeys?.first?["flags"] as? [String] == [])

        let audit = try CLIRunner.run(["keys", "audit", "--user", old.user, "--format", "json"], environment: later)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])["keys"] as? [[String: Any]]
        let entry = try #require(keys?.first)
        #expect(entry["key_id"] as? String == old.key.accessKeyID)
        #expect(entry["age_days"] as? Int == 100)
        #expect(entry["flags"] as? [String] == ["rotate-90d", "unused-45d"])
        #expect(entry["last_used"] is NSNull)

        let rotated = try CLIRunner.run(
            ["keys", "audit", "--user", old.user, "--rotate-older-than", "90d", "--scan", old.root.path, "--yes"],
            environment: later)
        #expect(rotated.status == 0, "\(rotated.stdout) \(rotated.stderr)")
        let remaining = try await old.iam.listAccessKeys(userName: old.user)
        #expect(remaining.count == 1 && remaining.first?.accessKeyID != old.key.accessKeyID)
        let file = try String(contentsOf: old.root.appendingPathComponent("leak.env"), encoding: .utf8)
        #expect(file.contains(try #require(remaining.first).accessKeyID) && !file.contains(old.key.accessKeyID))
        #expect(!(rotated.stdout + rotated.stderr).contains(old.key.secretAccessKey))

        let deactivated = try CLIRunner.run(
            ["keys", "audit", "--user", idle.user, "--deactivate-unused", "45d", "--yes"], environment: later)
        #expect(deactivated.status == 0, "\(deactivated.stderr)")
        #expect(try await idle.iam.listAccessKeys(userName: idle.user).first?.status == .inactive)
    }
}
