import Foundation
@testable import KeywardAWS
import TestSupport
import Testing

/// Which provider the chain picks, from files and variables only (no call, no process).
@Suite struct CredentialChainTests {
    static let basePair = ("AKIAVFBQ7ZK2BASE4TQR", "Base2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
    static let envPair = ("AKIAVFBQ7ZK2ENVK4TQR", "Env7Hc2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2")

    static let config = """
        [profile base]
        aws_access_key_id = \(basePair.0)
        aws_secret_access_key = \(basePair.1)

        [profile admin]
        role_arn = arn:aws:iam::123456789012:role/admin
        source_profile = base
        role_session_name = responder
        external_id = ext-42
        duration_seconds = 1800
        mfa_serial = arn:aws:iam::123456789012:mfa/me

        [profile chained]
        role_arn = arn:aws:iam::123456789012:role/audit
        source_profile = admin

        [profile loop-a]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = loop-a

        [profile self]
        role_arn = arn:aws:iam::123456789012:role/self
        source_profile = self
        aws_access_key_id = \(basePair.0)
        aws_secret_access_key = \(basePair.1)

        [profile from-env]
        role_arn = arn:aws:iam::123456789012:role/env
        credential_source = Environment

        [profile from-container]
        role_arn = arn:aws:iam::123456789012:role/ecs
        credential_source = EcsContainer

        [profile from-imds]
        role_arn = arn:aws:iam::123456789012:role/ec2
        credential_source = Ec2InstanceMetadata

        [profile both]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = base
        credential_source = Environment

        [profile bad-duration]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = base
        duration_seconds = 60

        [profile process]
        credential_process = /opt/bin/creds --profile "ops team"

        [profile web]
        role_arn = arn:aws:iam::123456789012:role/web
        web_identity_token_file = /var/run/token

        [profile sso-new]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = Responder

        [profile sso-old]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 123456789012
        sso_role_name = Responder

        [profile sso-broken]
        sso_session = corp
        sso_role_name = Responder

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-3
        """

    func resolve(profile: String? = nil, _ extra: [String: String] = [:]) throws -> AWSConfiguration {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kw-chain-\(UUID())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try Self.config.write(to: home.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        var env = [
            "HOME": "/home/responder", "AWS_CONFIG_FILE": home.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        env.merge(extra) { _, new in new }
        return try AWSConfiguration.resolve(profile: profile, environment: env)
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func roleProfileAssumesWithTheSourceProfilesKeys() throws {
        let config = try resolve(profile: "admin")
        #expect(config.credentials == nil)
        guard case .assumeRole(let role, let source)? = config.pendingCredentials else {
            Issue.record("expected a role, got \(String(describing: config.pendingCredentials))")
            return
        }
        #expect(role.roleARN == "arn:aws:iam::123456789012:role/admin")
        #expect(role.sessionName == "responder")
        #expect(role.externalID == "ext-42")
        #expect(role.durationSeconds == 1800)
        #expect(role.mfaSerial == "arn:aws:iam::123456789012:mfa/me")
        guard case .fixed(let keys, _) = source else {
            Issue.record("the source should be static keys")
            return
        }
        #expect(keys.accessKeyID == Self.basePair.0)
        #expect(config.credentialSource?.contains("role arn:aws:iam::123456789012:role/admin") == true)
        #expect(config.credentialSource?.contains(Self.basePair.1) == false)
    }

    @Test func rolesChain() throws {
        let config = try resolve(profile: "chained")
        guard case .assumeRole(let outer, .assumeRole(let inner, .fixed))? = config.pendingCredentials else {
            Issue.record("expected audit ← admin ← base")
            return
        }
        #expect(outer.roleARN.hasSuffix("role/audit"))
        #expect(inner.roleARN.hasSuffix("role/admin"))
    }

    @Test func sourceProfileLoopIsRefused() {
        let text = message { _ = try resolve(profile: "loop-a") }
        #expect(text.contains("source_profile loop: \"loop-a\" → \"loop-b\" → \"loop-a\""), "\(text)")
        #expect(!text.contains("\n"))
    }

    @Test func aProfileMayBeItsOwnSourceForItsStaticKeys() throws {
        guard case .assumeRole(_, .fixed(let keys, _))? = try resolve(profile: "self").pendingCredentials else {
            Issue.record("expected a role over the profile's own keys")
            return
        }
        #expect(keys.accessKeyID == Self.basePair.0)
    }

    @Test func credentialSourceEnvironment() throws {
        let env = ["AWS_ACCESS_KEY_ID": Self.envPair.0, "AWS_SECRET_ACCESS_KEY": Self.envPair.1]
        guard case .assumeRole(_, .fixed(let keys, "environment"))? = try resolve(profile: "from-env", env).pendingCredentials
        else {
            Issue.record("expected a role over the environment's keys")
            return
        }
        #expect(keys.accessKeyID == Self.envPair.0)
        #expect(message { _ = try resolve(profile: "from-env") }.contains("credential_source = Environment"))
    }

    @Test func credentialSourceContainerAndInstanceMetadata() throws {
        let container = try resolve(profile: "from-container", ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/c"])
        if case .assumeRole(_, .container(let settings))? = container.pendingCredentials {
            #expect(settings.url.absoluteString == "http://127.0.0.1:9/c")
        } else {
            Issue.record("expected a role over container credentials")
        }
        #expect(message { _ = try resolve(profile: "from-container") }.contains("credential_source = EcsContainer"))
        let imds = try resolve(profile: "from-imds", ["AWS_EC2_METADATA_DISABLED": "false"])
        if case .assumeRole(_, .instanceMetadata(let settings))? = imds.pendingCredentials {
            // Asked for by the profile: no answer is then an error, not "no credentials".
            #expect(settings.explicit)
        } else {
            Issue.record("expected a role over instance metadata")
        }
        #expect(message { _ = try resolve(profile: "from-imds") }.contains("AWS_EC2_METADATA_DISABLED is true"))
    }

    @Test func badRoleSettingsAreRefused() {
        #expect(message { _ = try resolve(profile: "both") }.contains("both source_profile and credential_source"))
        #expect(message { _ = try resolve(profile: "bad-duration") }.contains("duration_seconds \"60\""))
    }

    @Test func environmentKeysBeatAnAWSProfileRoleButNotAProfileArgument() throws {
        let env = ["AWS_ACCESS_KEY_ID": Self.envPair.0, "AWS_SECRET_ACCESS_KEY": Self.envPair.1, "AWS_PROFILE": "admin"]
        #expect(try resolve(env).credentials?.accessKeyID == Self.envPair.0)
        if case .assumeRole? = try resolve(profile: "admin", env).pendingCredentials {} else {
            Issue.record("--profile must beat the environment's keys")
        }
    }

    @Test func processProfile() throws {
        guard case .process(let process)? = try resolve(profile: "process").pendingCredentials else {
            Issue.record("expected credential_process")
            return
        }
        #expect(CommandLineWords.split(process.command) == ["/opt/bin/creds", "--profile", "ops team"])
    }

    @Test func webIdentityFromTheEnvironmentAndFromAProfile() throws {
        let env = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci",
                   "AWS_ROLE_SESSION_NAME": "gha"]
        guard case .webIdentity(let fromEnv)? = try resolve(env).pendingCredentials else {
            Issue.record("expected web identity from the environment")
            return
        }
        #expect(fromEnv.roleARN.hasSuffix("role/ci"))
        #expect(fromEnv.sessionName == "gha")
        guard case .webIdentity(let fromProfile)? = try resolve(profile: "web").pendingCredentials else {
            Issue.record("expected web identity from the profile")
            return
        }
        #expect(fromProfile.tokenFile == "/var/run/token")
        #expect(message { _ = try resolve(["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci"]) }
            .contains("AWS_WEB_IDENTITY_TOKEN_FILE is not"))
    }

    @Test func ssoProfilesFindTheirCacheFile() throws {
        guard case .sso(let new)? = try resolve(profile: "sso-new").pendingCredentials,
            case .sso(let old)? = try resolve(profile: "sso-old").pendingCredentials
        else {
            Issue.record("expected SSO")
            return
        }
        // The SDKs' cache names: SHA-1 of the session name, or of the start URL for the legacy form.
        #expect(new.cacheFile == "/home/responder/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
        #expect(new.region == "eu-west-3")
        #expect(new.portal.absoluteString == "https://portal.sso.eu-west-3.amazonaws.com")
        #expect(old.cacheFile == "/home/responder/.aws/sso/cache/a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json")
        #expect(message { _ = try resolve(profile: "sso-broken") }.contains("lacks sso_account_id"))
        let local = try resolve(profile: "sso-new", ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9"])
        guard case .sso(let overridden)? = local.pendingCredentials else { return }
        #expect(overridden.portal.absoluteString == "http://127.0.0.1:9")
    }

    @Test func containerCredentials() throws {
        guard case .container(let relative)? = try resolve(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/creds/abc"])
            .pendingCredentials
        else {
            Issue.record("expected container credentials")
            return
        }
        #expect(relative.url.absoluteString == "http://169.254.170.2/v2/creds/abc")
        let full = try resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "t",
        ])
        if case .container(let settings)? = full.pendingCredentials {
            #expect(settings.token == "t")
        } else {
            Issue.record("expected the full URI")
        }
        #expect(message { _ = try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.0.0.8/creds"]) }
            .contains("plain http is allowed only to a loopback address"))
        _ = try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "https://creds.example.net/creds"])
    }

    @Test func instanceMetadataIsTheLastStepAndCanBeTurnedOff() throws {
        #expect(try resolve().pendingCredentials == nil)
        guard case .instanceMetadata(let implicit)? = try resolve(["AWS_EC2_METADATA_DISABLED": "false"]).pendingCredentials
        else {
            Issue.record("expected IMDS")
            return
        }
        #expect(implicit.endpoint.absoluteString == "http://169.254.169.254")
        #expect(!implicit.explicit)
        let configured = try resolve([
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338",
        ])
        if case .instanceMetadata(let settings)? = configured.pendingCredentials {
            #expect(settings.explicit)
        } else {
            Issue.record("expected IMDS at the configured endpoint")
        }
    }

    @Test(arguments: [
        ("a b  c", ["a", "b", "c"]),
        (#"prog --name "two words" 'single $HOME' x\ y"#, ["prog", "--name", "two words", "single $HOME", "x y"]),
        (#"echo "a\"b" "c\d""#, [#"echo"#, #"a"b"#, #"c\d"#]),
        ("cmd; rm -rf / | tee $(id)", ["cmd;", "rm", "-rf", "/", "|", "tee", "$(id)"]),
        ("''", [""]),
    ])
    func commandLineSplitsLikeShlex(line: String, words: [String]) {
        #expect(CommandLineWords.split(line) == words)
    }

    @Test func unterminatedQuotesAreRefused() {
        #expect(CommandLineWords.split("prog 'open") == nil)
        #expect(CommandLineWords.split("prog \\") == nil)
    }
}
