import Crypto
import Foundation

/// Picks the credential provider the way the AWS SDKs do, reading only the environment and the files.
///
/// Order: the environment's keys (not with `--profile`) > the profile's `role_arn` > the environment's
/// web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`) > the profile's web identity, SSO,
/// static keys, `credential_process` > container credentials > EC2 instance metadata.
struct CredentialChain {
    /// The environment with empty values dropped.
    let env: [String: String]
    /// The environment as given (for `credential_process` children).
    let rawEnvironment: [String: String]
    let files: ProfileFiles

    /// The provider for `profile`, nil when no source applies (instance metadata disabled).
    func provider(profile name: String, explicitProfile: Bool, settings: ProfileFiles.Settings?) throws
        -> CredentialProvider?
    {
        if !explicitProfile, let keys = try AWSConfiguration.environmentCredentials(env) {
            return .fixed(keys, origin: "environment")
        }
        if let settings, let role = try roleProvider(name, settings, visited: [name]) { return role }
        if let web = try environmentWebIdentity() { return .webIdentity(web) }
        if let settings, let other = try profileProvider(name, settings) { return other }
        if let container = try containerProvider() { return container }
        return try instanceMetadataProvider(settings: settings, explicit: false)
    }

    /// `role_arn` with `source_profile` (followed, loops refused) or `credential_source`.
    func roleProvider(_ name: String, _ settings: ProfileFiles.Settings, visited: [String]) throws -> CredentialProvider? {
        guard let roleARN = settings["role_arn"], settings["web_identity_token_file"] == nil else { return nil }
        let role = AssumeRoleSettings(
            profile: name, roleARN: roleARN, sessionName: settings["role_session_name"],
            durationSeconds: try Self.duration(settings, profile: name), externalID: settings["external_id"],
            mfaSerial: settings["mfa_serial"])
        switch (settings["source_profile"], settings["credential_source"]) {
        case (nil, nil):
            throw AWSError.configuration(
                "profile \"\(name)\" has role_arn but neither source_profile nor credential_source")
        case (_?, _?):
            throw AWSError.configuration("profile \"\(name)\" has both source_profile and credential_source")
        case (let sourceName?, nil):
            return .assumeRole(role, source: try sourceProvider(sourceName, of: name, visited: visited))
        case (nil, let source?):
            return .assumeRole(role, source: try credentialSource(source, profile: name))
        }
    }

    /// The credentials a `source_profile` stands for: its own role, or its other sources.
    func sourceProvider(_ sourceName: String, of name: String, visited: [String]) throws -> CredentialProvider {
        guard let source = files.settings(for: sourceName) else {
            throw AWSError.configuration(
                "source_profile \"\(sourceName)\" of profile \"\(name)\" is not in \(files.credentialsPath) or \(files.configPath)")
        }
        if visited.contains(sourceName) {
            // A role profile may name itself as source for its own static keys (the SDKs allow it).
            if sourceName == name, let keys = try source.staticKeys(profile: sourceName) {
                return .fixed(keys, origin: source.source)
            }
            throw AWSError.configuration(
                "source_profile loop: " + (visited + [sourceName]).map { "\"\($0)\"" }.joined(separator: " → "))
        }
        if let role = try roleProvider(sourceName, source, visited: visited + [sourceName]) { return role }
        if let other = try profileProvider(sourceName, source) { return other }
        throw AWSError.noCredentials(
            "source_profile \"\(sourceName)\" of profile \"\(name)\" has no credentials (static keys, role_arn, "
                + "credential_process, web_identity_token_file or SSO)")
    }

    /// `credential_source = Environment | EcsContainer | Ec2InstanceMetadata`.
    func credentialSource(_ value: String, profile name: String) throws -> CredentialProvider {
        switch value {
        case "Environment":
            guard let keys = try AWSConfiguration.environmentCredentials(env) else {
                throw AWSError.noCredentials(
                    "profile \"\(name)\" has credential_source = Environment but AWS_ACCESS_KEY_ID is not set")
            }
            return .fixed(keys, origin: "environment")
        case "EcsContainer":
            guard let container = try containerProvider() else {
                throw AWSError.noCredentials(
                    "profile \"\(name)\" has credential_source = EcsContainer but neither "
                        + "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
            }
            return container
        case "Ec2InstanceMetadata":
            guard let imds = try instanceMetadataProvider(settings: files.settings(for: name), explicit: true) else {
                throw AWSError.configuration(
                    "profile \"\(name)\" has credential_source = Ec2InstanceMetadata but AWS_EC2_METADATA_DISABLED is true")
            }
            return imds
        default:
            throw AWSError.configuration(
                "profile \"\(name)\": credential_source \"\(value)\" is not Environment, EcsContainer or Ec2InstanceMetadata")
        }
    }

    /// The profile's web identity, SSO, static keys or `credential_process`, in that order.
    func profileProvider(_ name: String, _ settings: ProfileFiles.Settings) throws -> CredentialProvider? {
        if let tokenFile = settings["web_identity_token_file"] {
            guard let roleARN = settings["role_arn"] else {
                throw AWSError.configuration("profile \"\(name)\" has web_identity_token_file but no role_arn")
            }
            return .webIdentity(
                WebIdentitySettings(
                    roleARN: roleARN, tokenFile: ProfileFiles.expand(tokenFile, env: env),
                    sessionName: settings["role_session_name"], durationSeconds: try Self.duration(settings, profile: name),
                    origin: "profile \"\(name)\""))
        }
        if settings["sso_session"] != nil || settings["sso_start_url"] != nil {
            return .sso(try ssoSettings(name, settings))
        }
        if let keys = try settings.staticKeys(profile: name) { return .fixed(keys, origin: settings.source) }
        if let command = settings["credential_process"] {
            return .process(ProcessSettings(profile: name, command: command, environment: rawEnvironment))
        }
        return nil
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`); one without the other is an error.
    func environmentWebIdentity() throws -> WebIdentitySettings? {
        switch (env["AWS_WEB_IDENTITY_TOKEN_FILE"], env["AWS_ROLE_ARN"]) {
        case (nil, nil): return nil
        case (let file?, let role?):
            return WebIdentitySettings(
                roleARN: role, tokenFile: file, sessionName: env["AWS_ROLE_SESSION_NAME"], durationSeconds: nil,
                origin: "environment")
        case (_?, nil): throw AWSError.configuration("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        case (nil, _?): throw AWSError.configuration("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
        }
    }

    /// An SSO profile's settings; every missing one is named.
    func ssoSettings(_ name: String, _ settings: ProfileFiles.Settings) throws -> SSOSettings {
        var values = settings.values
        let session = settings["sso_session"]
        if let session {
            guard let section = files.ssoSession(session) else {
                throw AWSError.configuration(
                    "profile \"\(name)\" names sso_session \"\(session)\", which is not in \(files.configPath)")
            }
            for key in ["sso_start_url", "sso_region"] where section[key] != nil { values[key] = section[key] }
        }
        let required = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]
        let missing = required.filter { (values[$0] ?? "").isEmpty }
        guard missing.isEmpty, let startURL = values["sso_start_url"], let region = values["sso_region"],
            let account = values["sso_account_id"], let roleName = values["sso_role_name"]
        else {
            throw AWSError.configuration("SSO profile \"\(name)\" lacks \(missing.joined(separator: ", "))")
        }
        guard AWSPartition.isValidRegion(region) else {
            throw AWSError.configuration("profile \"\(name)\": sso_region \"\(region)\" is not a region name")
        }
        let digest = Insecure.SHA1.hash(data: Data((session ?? startURL).utf8))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let cache = ProfileFiles.expand("~/.aws/sso/cache/\(hex).json", env: env)
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        var portal = URL(string: "https://portal.sso.\(region).\(suffix)")
        if env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
            if let value = env["AWS_ENDPOINT_URL_SSO"] {
                portal = try AWSConfiguration.parseEndpointURL(value, setting: "AWS_ENDPOINT_URL_SSO")
            } else if let value = env["AWS_ENDPOINT_URL"] {
                portal = try AWSConfiguration.parseEndpointURL(value, setting: "AWS_ENDPOINT_URL")
            }
        }
        guard let portal else { throw AWSError.configuration("no SSO portal URL for region \(region)") }
        return SSOSettings(
            profile: name, session: session, startURL: startURL, region: region, accountID: account,
            roleName: roleName, cacheFile: cache, portal: portal)
    }

    /// `duration_seconds` when set: whole seconds from 900 to 43200.
    static func duration(_ settings: ProfileFiles.Settings, profile: String) throws -> Int? {
        guard let text = settings["duration_seconds"] else { return nil }
        guard let seconds = Int(text), (900...43200).contains(seconds) else {
            throw AWSError.configuration(
                "profile \"\(profile)\": duration_seconds \"\(text)\" is not a number of seconds from 900 to 43200")
        }
        return seconds
    }
}
