import Foundation
@testable import KeywardAWS
import TestSupport
import Testing

/// Each credential source end to end: resolve + load, then a real (signature-checked) STS
/// GetCallerIdentity on moto with the credentials it gave.
@Suite(.motoServer) struct CredentialSourcesMotoTests {
    static let options = CredentialLoadOptions(client: AWSClientOptions(retry: RetryPolicy(maxAttempts: 1)))

    func identity(_ config: AWSConfiguration) async throws -> CallerIdentity {
        try await STSClient(configuration: config).getCallerIdentity()
    }

    func failure(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func credentialsFile(_ name: String, _ keys: AWSCredentials) -> String {
        "[\(name)]\naws_access_key_id = \(keys.accessKeyID)\naws_secret_access_key = \(keys.secretAccessKey)\n"
    }

    @Test func roleProfileWithSourceProfileChainExternalIDAndMFA() async throws {
        let moto = try #require(MotoContext.current)
        let admin = try await moto.server.allowAllRole("kw-admin", operator: moto.operatorCredentials)
        let audit = try await moto.server.allowAllRole("kw-audit", operator: moto.operatorCredentials)
        let assumer = try await moto.server.assumeOnlyUser("kw-assumer", operator: moto.operatorCredentials)
        let home = try AWSHome(
            config: """
                [profile admin]
                role_arn = \(admin)
                source_profile = base
                role_session_name = kw-responder
                external_id = case-4711
                duration_seconds = 900

                [profile audit]
                role_arn = \(audit)
                source_profile = admin

                [profile mfa]
                role_arn = \(admin)
                source_profile = base
                mfa_serial = arn:aws:iam::123456789012:mfa/responder
                """,
            credentials: credentialsFile("base", assumer))
        defer { home.remove() }
        let env = home.environment(moto: moto.server)

        let config = try await AWSConfiguration.resolve(profile: "admin", environment: env, loading: Self.options)
        let credentials = try #require(config.credentials)
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
        #expect(config.pendingCredentials == nil)
        #expect(try await identity(config).arn.hasSuffix(":assumed-role/kw-admin/kw-responder"))
        // The role's permissions, not the assume-only user's: IAM answers.
        _ = try await IAMClient(configuration: config).listUsers()

        let chained = try await AWSConfiguration.resolve(profile: "audit", environment: env, loading: Self.options)
        #expect(try await identity(chained).arn.contains(":assumed-role/kw-audit/keyward-"))

        let missing = await failure {
            _ = try await AWSConfiguration.resolve(profile: "mfa", environment: env, loading: Self.options)
        }
        #expect(missing.contains("needs an MFA code for arn:aws:iam::123456789012:mfa/responder: pass --mfa-code CODE"))
        var withCode = Self.options
        withCode.mfaCode = "123456"
        let mfa = try await AWSConfiguration.resolve(profile: "mfa", environment: env, loading: withCode)
        #expect(try await identity(mfa).arn.contains(":assumed-role/kw-admin/"))
        withCode.mfaCode = "12345x"
        #expect(await failure {
            _ = try await AWSConfiguration.resolve(profile: "mfa", environment: env, loading: withCode)
        }.contains("6 digits"))
    }

    @Test func credentialProcess() async throws {
        let moto = try #require(MotoContext.current)
        let keys = moto.operatorCredentials
        let home = try AWSHome()
        defer { home.remove() }
        let json = #"{"Version": 1, "AccessKeyId": "\#(keys.accessKeyID)", "SecretAccessKey": "\#(keys.secretAccessKey)", "Expiration": "2099-01-01T00:00:00Z"}"#
        let good = try home.write("good.sh", "#!/bin/sh\n[ \"$1\" = 'ops team' ] || exit 3\ncat <<'EOF'\n\(json)\nEOF\n", executable: true)
        let fails = try home.write("fails.sh", "#!/bin/sh\necho '\(json)'\nexit 1\n", executable: true)
        let garbage = try home.write("garbage.sh", "#!/bin/sh\necho 'SecretAccessKey=\(keys.secretAccessKey)'\n", executable: true)
        let version2 = try home.write("v2.sh", "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"x\", \"SecretAccessKey\": \"y\"}'\n", executable: true)
        let expired = try home.write(
            "expired.sh",
            "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"\(keys.accessKeyID)\", \"SecretAccessKey\": \"\(keys.secretAccessKey)\", \"Expiration\": \"2001-01-01T00:00:00Z\"}'\n",
            executable: true)
        try home.write(".aws/config", """
            [profile good]
            credential_process = \(good) 'ops team'
            [profile fails]
            credential_process = \(fails)
            [profile garbage]
            credential_process = \(garbage)
            [profile v2]
            credential_process = \(version2)
            [profile expired]
            credential_process = \(expired)
            [profile injected]
            credential_process = \(good) x; touch \(home.path)/pwned
            """)
        let env = home.environment(moto: moto.server)
        let config = try await AWSConfiguration.resolve(profile: "good", environment: env, loading: Self.options)
        #expect(config.credentials?.expiration != nil)
        #expect(try await identity(config).arn.hasSuffix(":user/operator"))

        for (profile, expected) in [
            ("fails", "exited with status 1"), ("garbage", "did not print credentials as JSON"),
            ("v2", "Version is not 1"), ("expired", "expired at 2001-01-01T00:00:00Z"), ("injected", "exited with status 3"),
        ] {
            let text = await failure {
                _ = try await AWSConfiguration.resolve(profile: profile, environment: env, loading: Self.options)
            }
            #expect(text.contains(expected), "\(profile): \(text)")
            #expect(text.contains("credential_process of profile \"\(profile)\"") || profile == "expired")
            #expect(!text.contains(keys.secretAccessKey))
            #expect(!text.contains("\n"))
        }
        // No shell ran: `;` and `touch` were arguments.
        #expect(!FileManager.default.fileExists(atPath: home.path + "/pwned"))
    }

    @Test func containerEndpointWithTokenFile() async throws {
        let moto = try #require(MotoContext.current)
        var settings = CredentialEndpointServer.Config(credentials: moto.operatorCredentials)
        settings.container_token = "Bearer eks-pod-identity-token"
        let server = try await CredentialEndpointServer.start(settings)
        defer { server.stop() }
        let home = try AWSHome()
        defer { home.remove() }
        let tokenFile = try home.write("token", "Bearer eks-pod-identity-token\n")
        let url = server.endpoint.absoluteString + "/container/credentials"
        let env = home.environment(moto: moto.server, [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": url, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored: the file wins",
        ])
        let config = try await AWSConfiguration.resolve(environment: env, loading: Self.options)
        #expect(config.credentialSource == "container credentials from \(url)")
        #expect(try await identity(config).arn.hasSuffix(":user/operator"))

        var wrong = env
        wrong["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = nil
        wrong["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "Bearer stale"
        let text = await failure { _ = try await AWSConfiguration.resolve(environment: wrong, loading: Self.options) }
        #expect(text.contains("answered HTTP 401"), "\(text)")
        #expect(!text.contains("stale"))
    }

    @Test func instanceMetadataV2() async throws {
        let moto = try #require(MotoContext.current)
        let server = try await CredentialEndpointServer.start(.init(credentials: moto.operatorCredentials))
        defer { server.stop() }
        let home = try AWSHome()
        defer { home.remove() }
        let env = home.environment(moto: moto.server, [
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint.absoluteString + "/",
        ])
        let config = try await AWSConfiguration.resolve(environment: env, loading: Self.options)
        #expect(try await identity(config).arn.hasSuffix(":user/operator"))
        let requests = server.requests
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/ops-role",
        ])
        #expect(requests.first?.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect(requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == "imds-session-0" })

        var refusing = CredentialEndpointServer.Config(credentials: moto.operatorCredentials)
        refusing.imds_refuse_token = true
        let refuser = try await CredentialEndpointServer.start(refusing)
        defer { refuser.stop() }
        var refused = env
        refused["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = refuser.endpoint.absoluteString
        let text = await failure { _ = try await AWSConfiguration.resolve(environment: refused, loading: Self.options) }
        #expect(text.contains("refused an IMDSv2 session token (HTTP 403)"), "\(text)")
        // Never an IMDSv1 fallback.
        #expect(refuser.requests.map(\.method) == ["PUT"])
    }

    @Test func instanceMetadataNotAnsweringAtTheEndOfTheChainMeansNoCredentials() async throws {
        let home = try AWSHome()
        defer { home.remove() }
        // A loopback port nobody listens on stands in for "not on EC2"; nothing leaves the machine.
        let closed = "http://127.0.0.1:\(try MotoServer.freePortForTests())"
        let config = try AWSConfiguration.resolve(environment: home.environment(["AWS_EC2_METADATA_DISABLED": "false"]))
        guard case .instanceMetadata(var settings)? = config.pendingCredentials else {
            Issue.record("expected IMDS as the last step")
            return
        }
        settings.endpoint = try #require(URL(string: closed))
        var implicit = config
        implicit.pendingCredentials = .instanceMetadata(settings)
        let loaded = try await implicit.loadingCredentials(Self.options)
        #expect(loaded.credentials == nil)
        #expect(loaded.credentialSource == nil)
        settings.explicit = true
        implicit.pendingCredentials = .instanceMetadata(settings)
        #expect(await failure { _ = try await implicit.loadingCredentials(Self.options) }.contains("did not answer"))
    }

    @Test func ssoTokenCache() async throws {
        let moto = try #require(MotoContext.current)
        var settings = CredentialEndpointServer.Config(credentials: moto.operatorCredentials)
        settings.sso_token = "sso-access-token-from-aws-sso-login"
        settings.sso_role = "Responder"
        settings.sso_account = "123456789012"
        let server = try await CredentialEndpointServer.start(settings)
        defer { server.stop() }
        let home = try AWSHome(config: """
            [profile sso]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Responder

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-3
            """)
        defer { home.remove() }
        let cache = ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
        let env = home.environment(moto: moto.server, ["AWS_ENDPOINT_URL_SSO": server.endpoint.absoluteString])

        let missing = await failure { _ = try await AWSConfiguration.resolve(profile: "sso", environment: env, loading: Self.options) }
        #expect(missing.contains("no cached SSO token") && missing.contains("run `aws sso login --sso-session corp`"), "\(missing)")

        try home.write(cache, #"{"accessToken": "sso-access-token-from-aws-sso-login", "expiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-3"}"#)
        let config = try await AWSConfiguration.resolve(profile: "sso", environment: env, loading: Self.options)
        #expect(try await identity(config).arn.hasSuffix(":user/operator"))
        let request = try #require(server.requests.last)
        #expect(request.path.hasPrefix("/federation/credentials?"))
        #expect(request.path.contains("role_name=Responder") && request.path.contains("account_id=123456789012"))
        #expect(request.headers["x-amz-sso_bearer_token"] == "sso-access-token-from-aws-sso-login")

        try home.write(cache, #"{"accessToken": "sso-access-token-from-aws-sso-login", "expiresAt": "2001-01-01T00:00:00UTC"}"#)
        let expired = await failure { _ = try await AWSConfiguration.resolve(profile: "sso", environment: env, loading: Self.options) }
        #expect(expired.contains("expired at 2001-01-01T00:00:00Z: run `aws sso login"), "\(expired)")
        #expect(!expired.contains("sso-access-token"))

        try home.write(cache, #"{"accessToken": "revoked-token", "expiresAt": "2099-01-01T00:00:00Z"}"#)
        let refused = await failure { _ = try await AWSConfiguration.resolve(profile: "sso", environment: env, loading: Self.options) }
        #expect(refused.contains("refused the cached SSO token (HTTP 401)"), "\(refused)")
        #expect(!refused.contains("revoked-token"))
    }
}

/// AssumeRoleWithWebIdentity goes out unsigned; moto checks signatures on every call, so this suite has
/// its own server and lets exactly that one call through before each resolution.
@Suite(.serialized) struct WebIdentityMotoTests {
    @Test func environmentAndProfileWebIdentity() async throws {
        let server = try await MotoServer.start(noAuthActions: 3)
        defer { server.stop() }
        let operatorKeys = try await server.bootstrapOperator()
        let role = try await server.allowAllRole("kw-ci", operator: operatorKeys)
        let home = try AWSHome()
        defer { home.remove() }
        let token = try home.write("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0.c2lnbmF0dXJl\n")
        try home.write(".aws/config", "[profile k8s]\nrole_arn = \(role)\nweb_identity_token_file = \(token)\nrole_session_name = pod-7\n")
        let options = CredentialLoadOptions(client: AWSClientOptions(retry: RetryPolicy(maxAttempts: 1)))

        let env = home.environment(moto: server, [
            "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": role, "AWS_ROLE_SESSION_NAME": "gha-run-42",
        ])
        try await server.allowUnauthenticatedCalls(1)
        let fromEnv = try await AWSConfiguration.resolve(environment: env, loading: options)
        let credentials = try #require(fromEnv.credentials)
        #expect(credentials.sessionToken != nil)
        // Signatures are enforced again: this call is checked.
        let arn = try await STSClient(configuration: fromEnv).getCallerIdentity().arn
        #expect(arn.hasSuffix(":assumed-role/kw-ci/gha-run-42"))

        try await server.allowUnauthenticatedCalls(1)
        let fromProfile = try await AWSConfiguration.resolve(
            profile: "k8s", environment: home.environment(moto: server), loading: options)
        #expect(try await STSClient(configuration: fromProfile).getCallerIdentity().arn.hasSuffix(":assumed-role/kw-ci/pod-7"))

        var broken = env
        broken["AWS_WEB_IDENTITY_TOKEN_FILE"] = home.path + "/missing-token"
        do {
            _ = try await AWSConfiguration.resolve(environment: broken, loading: options)
            Issue.record("a missing token file must fail")
        } catch {
            #expect("\(error)".contains("cannot read the web identity token file"))
        }
    }
}
