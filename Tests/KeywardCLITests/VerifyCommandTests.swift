import Foundation
import KeywardAWS
import TestSupport
import Testing

/// `keyward scan --verify` end to end: the real binary, a real moto_server on 127.0.0.1.
@Suite(.motoServer) struct VerifyCommandTests {
    @Test func reportsLiveInvalidAndDeletedKeys() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        _ = try await iam.createUser(userName: "ci-bot")
        let live = try await iam.createAccessKey(userName: "ci-bot")
        _ = try await iam.createUser(userName: "old-bot")
        let deleted = try await iam.createAccessKey(userName: "old-bot")
        try await iam.deleteAccessKey(accessKeyID: deleted.credentials.accessKeyID, userName: "old-bot")
        let wrongSecret = try await iam.createAccessKey(userName: "old-bot")

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-verify-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func plant(_ name: String, _ id: String, _ secret: String) throws {
            try Data("AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n".utf8)
                .write(to: root.appendingPathComponent(name))
        }
        try plant("live.env", live.credentials.accessKeyID, live.credentials.secretAccessKey)
        try plant("copy.env", live.credentials.accessKeyID, live.credentials.secretAccessKey)
        try plant("deleted.env", deleted.credentials.accessKeyID, deleted.credentials.secretAccessKey)
        try plant("made-up.env", "AKIAKG6IMVJLHX7QNI34", "ojIAMnPqU+siCHTls3t+Ff+PbB072oggOYma7AqD")
        try plant("wrong.env", wrongSecret.credentials.accessKeyID, "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")

        let environment = [
            "AWS_ENDPOINT_URL": moto.server.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": moto.operatorCredentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": moto.operatorCredentials.secretAccessKey,
            "AWS_REGION": "us-east-1",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
        ]
        // Signing with each found pair (the peers' way): proves which secret matches.
        let result = try CLIRunner.run(["scan", root.path, "--verify=sign", "--format", "json"], environment: environment)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stdout.contains(live.credentials.secretAccessKey))
        #expect(!result.stderr.contains(live.credentials.secretAccessKey))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        func verification(_ id: String) -> [String: Any]? {
            keys.first { $0["key_id"] as? String == id }?["verification"] as? [String: Any]
        }
        let liveResult = try #require(verification(live.credentials.accessKeyID))
        #expect(liveResult["status"] as? String == "live")
        #expect((liveResult["arn"] as? String)?.hasSuffix(":user/ci-bot") == true)
        #expect(liveResult["user"] as? String == "ci-bot")
        #expect(liveResult["key_status"] as? String == "Active")
        #expect(verification(deleted.credentials.accessKeyID)?["status"] as? String == "invalid")
        #expect(verification("AKIAKG6IMVJLHX7QNI34")?["status"] as? String == "invalid")
        #expect(verification(wrongSecret.credentials.accessKeyID)?["status"] as? String == "invalid")

        // The CI gate that fails only on live keys.
        let text = try CLIRunner.run(["scan", root.path, "--verify=sign", "--fail-on", "live"], environment: environment)
        #expect(text.status == 1)
        #expect(text.stdout.contains("ci-bot"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("live.env"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("copy.env"))
        let noneLive = try CLIRunner.run(["scan", root.path, "--verify=sign", "--fail-on", "live"], environment: environment)
        #expect(noneLive.status == 0, "\(noneLive.stdout)")
    }

    @Test func failOnLiveRequiresVerify() throws {
        #expect(try CLIRunner.run(["scan", "--fail-on", "live", "/tmp"]).status == 2)
    }
}

/// Temporary (`ASIA…`) credentials: verified with the session token found beside them, never
/// called `invalid` for want of one.
@Suite(.motoServer) struct TemporaryKeyVerifyTests {
    @Test func sessionTokenIsSentAndAMissingOneMeansUnverified() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
        let role = try await iam.createRole(name: "leaky-role", trustPolicy: trust)
        try await iam.putRolePolicy(roleName: "leaky-role", policyName: "all", policyDocument: MotoServer.allowAllPolicy)
        let temporary = try await STSClient(configuration: moto.configuration).assumeRole(roleARN: role, sessionName: "ci")
        #expect(temporary.accessKeyID.hasPrefix("ASIA"))
        let token = try #require(temporary.sessionToken)

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-asia-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let pair = "AWS_ACCESS_KEY_ID=\(temporary.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(temporary.secretAccessKey)\n"
        try Data((pair + "AWS_SESSION_TOKEN=\(token)\n").utf8).write(to: root.appendingPathComponent("session.env"))
        let environment = [
            "AWS_ENDPOINT_URL": moto.server.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": moto.operatorCredentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": moto.operatorCredentials.secretAccessKey,
            "AWS_REGION": "us-east-1",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
        ]
        func status(_ result: ProcessResult) throws -> String? {
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let keys = object?["keys"] as? [[String: Any]] ?? []
            let key = keys.first { $0["key_id"] as? String == temporary.accessKeyID }
            return (key?["verification"] as? [String: Any])?["status"] as? String
        }
        let live = try CLIRunner.run(["scan", root.path, "--verify", "--format", "json"], environment: environment)
        #expect(try status(live) == "live", "\(live.stdout)")
        for secret in [temporary.secretAccessKey, token] {
            #expect(!(live.stdout + live.stderr).contains(secret))
        }
        #expect(try CLIRunner.run(["scan", root.path, "--verify", "--fail-on", "live"], environment: environment).status == 1)

        // The same pair without its token: AWS would refuse it whatever the key's state, so it is not tried.
        try Data(pair.utf8).write(to: root.appendingPathComponent("session.env"))
        let unverified = try CLIRunner.run(["scan", root.path, "--verify", "--format", "json"], environment: environment)
        #expect(try status(unverified) == "unverified", "\(unverified.stdout)")
    }
}
