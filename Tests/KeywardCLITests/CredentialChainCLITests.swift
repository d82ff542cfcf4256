import Foundation
import KeywardAWS
import TestSupport
import Testing

/// `keyward scan --verify` with operator credentials from a role profile (AssumeRole on moto).
@Suite(.motoServer) struct CredentialChainCLITests {
    @Test func scanVerifyWithARoleProfile() async throws {
        let moto = try #require(MotoContext.current)
        let role = try await moto.server.allowAllRole("kw-responder", operator: moto.operatorCredentials)
        // The source user may only assume the role: key status and owner come back only through the role.
        let assumer = try await moto.server.assumeOnlyUser("kw-cli-assumer", operator: moto.operatorCredentials)
        let iam = try IAMClient(configuration: moto.configuration)
        _ = try await iam.createUser(userName: "leaky-bot")
        let leaked = try await iam.createAccessKey(userName: "leaky-bot").credentials

        let home = try AWSHome(
            config: """
                [profile responder]
                role_arn = \(role)
                source_profile = base
                role_session_name = kw-cli

                [profile responder-mfa]
                role_arn = \(role)
                source_profile = base
                mfa_serial = arn:aws:iam::123456789012:mfa/responder
                """,
            credentials: "[base]\naws_access_key_id = \(assumer.accessKeyID)\naws_secret_access_key = \(assumer.secretAccessKey)\n")
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path + "/tree", withIntermediateDirectories: true)
        try home.write("tree/app.env", "AWS_ACCESS_KEY_ID=\(leaked.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(leaked.secretAccessKey)\n")
        var env = home.environment(moto: moto.server)
        // Not inherited from the test process: the chain must start from these files.
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"] { env[name] = "" }

        let result = try CLIRunner.run(
            ["scan", home.path + "/tree", "--verify", "--profile", "responder", "--format", "json"], environment: env)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stdout.contains(leaked.secretAccessKey) && !result.stderr.contains(assumer.secretAccessKey))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        let verification = try #require(keys.first { $0["key_id"] as? String == leaked.accessKeyID }?["verification"] as? [String: Any])
        #expect(verification["status"] as? String == "live")
        #expect(verification["user"] as? String == "leaky-bot")
        #expect(verification["key_status"] as? String == "Active", "\(verification)")

        let noCode = try CLIRunner.run(["scan", home.path + "/tree", "--verify", "--profile", "responder-mfa"], environment: env)
        #expect(noCode.status == 2)
        #expect(noCode.stderr.contains("needs an MFA code") && noCode.stderr.contains("--mfa-code CODE"), "\(noCode.stderr)")
        #expect(noCode.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)

        let withCode = try CLIRunner.run(
            ["scan", home.path + "/tree", "--verify", "--profile", "responder-mfa", "--mfa-code", "123456", "--format", "json"],
            environment: env)
        #expect(withCode.status == 1, "\(withCode.stderr)")
        #expect(withCode.stdout.contains("\"key_status\""))
    }
}
