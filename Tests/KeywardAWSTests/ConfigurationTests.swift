import Foundation
@testable import KeywardAWS
import Testing

/// The credential chain, profiles and region, with an injected environment and files in a temp folder.
@Suite struct ConfigurationTests {
    static let envPair = ("AKIAVFBQ7ZK2ENVK4TQR", "Env7Hc2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2")
    static let defaultPair = ("AKIAVFBQ7ZK2DFLT4TQR", "Dflt2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
    static let ciPair = ("AKIAVFBQ7ZK2CIPR4TQR", "CiPr2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
    static let cfgPair = ("AKIAVFBQ7ZK2CNFG4TQR", "Cnfg2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")

    /// A home folder with `.aws/credentials` and `.aws/config`.
    struct Home {
        let path: String

        init(credentials: String? = nil, config: String? = nil) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-aws-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
            if let credentials { try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8) }
            if let config { try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8) }
        }

        func env(_ extra: [String: String] = [:]) -> [String: String] {
            extra.merging(["HOME": path]) { old, _ in old }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let credentialsFile = """
        # shared credentials
        [default]
        aws_access_key_id = \(defaultPair.0)
        aws_secret_access_key = \(defaultPair.1)

        ; the CI user
        [ci]
        aws_access_key_id=\(ciPair.0)
        aws_secret_access_key=\(ciPair.1)
        aws_session_token = FwoGZXIvYXdzTOKEN==
        """

    static let configFile = """
        [default]
        region = eu-west-3

        [profile ci]
        region = cn-north-1
        s3 =
          max_concurrent_requests = 4

        [profile cfg]
        aws_access_key_id = \(cfgPair.0)
        aws_secret_access_key = \(cfgPair.1)
        region = us-gov-west-1
        endpoint_url = http://127.0.0.1:4566

        [profile role]
        role_arn = arn:aws:iam::344642763492:role/admin
        source_profile = default
        """

    @Test func explicitBeatsEverything() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let explicit = AWSCredentials(accessKeyID: "AKIAVFBQ7ZK2XPLC4TQR", secretAccessKey: Self.ciPair.1)
        let config = try AWSConfiguration.resolve(
            profile: "ci", credentials: explicit,
            environment: home.env(["AWS_ACCESS_KEY_ID": Self.envPair.0, "AWS_SECRET_ACCESS_KEY": Self.envPair.1]))
        #expect(config.credentials == explicit)
        #expect(config.credentialSource == "explicit")
    }

    @Test func environmentBeatsProfiles() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let config = try AWSConfiguration.resolve(environment: home.env([
            "AWS_ACCESS_KEY_ID": Self.envPair.0, "AWS_SECRET_ACCESS_KEY": Self.envPair.1,
            "AWS_SESSION_TOKEN": "FwoGZXIvYXdzENV", "AWS_PROFILE": "ci",
        ]))
        #expect(config.credentials?.accessKeyID == Self.envPair.0)
        #expect(config.credentials?.secretAccessKey == Self.envPair.1)
        #expect(config.credentials?.sessionToken == "FwoGZXIvYXdzENV")
        #expect(config.credentialSource == "environment")
    }

    @Test func profileArgumentBeatsEnvironmentLikeTheCLI() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let config = try AWSConfiguration.resolve(
            profile: "ci", environment: home.env(["AWS_ACCESS_KEY_ID": Self.envPair.0, "AWS_SECRET_ACCESS_KEY": Self.envPair.1]))
        #expect(config.credentials?.accessKeyID == Self.ciPair.0)
        #expect(config.credentials?.sessionToken == "FwoGZXIvYXdzTOKEN==")
        #expect(config.credentialSource?.contains("profile \"ci\"") == true)
    }

    @Test func awsProfileSelectsAProfile() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let config = try AWSConfiguration.resolve(environment: home.env(["AWS_PROFILE": "ci"]))
        #expect(config.credentials?.accessKeyID == Self.ciPair.0)
        #expect(config.region == "cn-north-1")
        #expect(config.partition == .awsCN)
    }

    @Test func defaultProfileAndDefaultSectionOfConfig() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let config = try AWSConfiguration.resolve(environment: home.env())
        #expect(config.credentials?.accessKeyID == Self.defaultPair.0)
        #expect(config.region == "eu-west-3")
    }

    @Test func credentialsInTheConfigFile() throws {
        let home = try Home(config: Self.configFile)
        defer { home.remove() }
        let config = try AWSConfiguration.resolve(profile: "cfg", environment: home.env())
        #expect(config.credentials?.accessKeyID == Self.cfgPair.0)
        #expect(config.region == "us-gov-west-1")
        #expect(config.sharedEndpointURL?.absoluteString == "http://127.0.0.1:4566")
    }

    @Test func filesNamedByEnvironment() throws {
        let home = try Home()
        defer { home.remove() }
        try Self.credentialsFile.write(toFile: home.path + "/creds", atomically: true, encoding: .utf8)
        try Self.configFile.write(toFile: home.path + "/conf", atomically: true, encoding: .utf8)
        let config = try AWSConfiguration.resolve(environment: [
            "AWS_SHARED_CREDENTIALS_FILE": home.path + "/creds", "AWS_CONFIG_FILE": home.path + "/conf", "AWS_PROFILE": "ci",
        ])
        #expect(config.credentials?.accessKeyID == Self.ciPair.0)
        #expect(config.region == "cn-north-1")
    }

    @Test func regionPrecedence() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        #expect(try AWSConfiguration.resolve(environment: home.env(["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "sa-east-1"])).region == "ap-south-1")
        #expect(try AWSConfiguration.resolve(environment: home.env(["AWS_DEFAULT_REGION": "sa-east-1"])).region == "sa-east-1")
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(environment: home.env(["AWS_REGION": "https://evil"])) }
    }

    @Test func missingProfiles() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(profile: "nope", environment: home.env()) }
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(environment: home.env(["AWS_PROFILE": "nope"])) }
        let empty = try Home()
        defer { empty.remove() }
        let none = try AWSConfiguration.resolve(environment: empty.env())
        #expect(none.credentials == nil)
        #expect(throws: AWSError.self) { try none.requireCredentials() }
    }

    @Test func partialCredentialsAndARoleWithoutSourceKeys() throws {
        let home = try Home(config: Self.configFile)
        defer { home.remove() }
        #expect(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: home.env(["AWS_ACCESS_KEY_ID": Self.envPair.0]))
        }
        // `role` names source_profile `default`, which (in the config file alone) holds no keys.
        do {
            _ = try AWSConfiguration.resolve(profile: "role", environment: home.env())
            Issue.record("a role whose source profile has no credentials must be refused")
        } catch let error as AWSError {
            #expect("\(error)".contains("source_profile \"default\" of profile \"role\" has no credentials"))
        }
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = AWSCredentials(accessKeyID: Self.ciPair.0, secretAccessKey: Self.ciPair.1, sessionToken: "FwoGZXIvYXdzTOKEN")
        let text = "\(credentials)"
        #expect(text.contains(Self.ciPair.0))
        #expect(!text.contains(Self.ciPair.1))
        #expect(!text.contains("FwoGZXIvYXdzTOKEN"))
    }
}

/// The INI dialect of the shared files.
@Suite struct INIFileTests {
    @Test func parsesSectionsCommentsAndContinuations() {
        let ini = INIFile(parsing: """
            top = ignored
            # comment
            [default]
            Region = eu-west-3
            ; another comment
              indented = continuation
            key_with_equals = abc==
            colon: value
            [ profile  x ]
            a=1
            [broken
            b = 2
            """)
        #expect(ini.sections["default"]?["region"] == "eu-west-3\nindented = continuation")
        #expect(ini.sections["default"]?["key_with_equals"] == "abc==")
        #expect(ini.sections["default"]?["colon"] == "value")
        #expect(ini.sections["profile  x"]?["a"] == "1")
        #expect(ini.sections["profile  x"]?["b"] == nil)
        #expect(ini.sections.count == 2)
    }

    @Test func windowsLineEndings() {
        let ini = INIFile(parsing: "[default]\r\naws_access_key_id = AKIAVFBQ7ZK2DFLT4TQR\r\n")
        #expect(ini.sections["default"]?["aws_access_key_id"] == "AKIAVFBQ7ZK2DFLT4TQR")
    }
}
