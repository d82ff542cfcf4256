import Foundation

/// The shared credentials and config files, read once.
struct ProfileFiles {
    let credentialsPath: String
    let configPath: String
    let credentialsFile: INIFile?
    let configFile: INIFile?

    /// One profile's merged settings (credentials file over config file) and where they came from.
    struct Settings {
        var values: [String: String]
        var source: String

        /// The profile's static key pair; nil without one, an error for half a pair.
        func staticKeys(profile: String) throws -> AWSCredentials? {
            let keyID = values["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
            let secret = values["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
            if let keyID, let secret {
                return AWSCredentials(
                    accessKeyID: keyID, secretAccessKey: secret, sessionToken: values["aws_session_token"])
            }
            if keyID != nil || secret != nil {
                throw AWSError.noCredentials(
                    "profile \"\(profile)\" has only one of aws_access_key_id and aws_secret_access_key")
            }
            return nil
        }

        /// A setting's value, nil when absent or empty.
        subscript(_ key: String) -> String? {
            values[key].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    init(environment env: [String: String]) throws {
        credentialsPath = Self.expand(env["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", env: env)
        configPath = Self.expand(env["AWS_CONFIG_FILE"] ?? "~/.aws/config", env: env)
        credentialsFile = try INIFile.load(path: credentialsPath)
        configFile = try INIFile.load(path: configPath)
    }

    /// `~/…` against `HOME` from the given environment (left alone when `HOME` is unset).
    static func expand(_ path: String, env: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = env["HOME"] else { return path }
        return home + path.dropFirst()
    }

    /// The profile's settings, nil when neither file has it.
    func settings(for profile: String) -> Settings? {
        let fromConfig =
            configFile?.sections["profile \(profile)"]
            ?? (profile == "default" ? configFile?.sections["default"] : nil)
        let fromCredentials = credentialsFile?.sections[profile]
        if fromConfig == nil, fromCredentials == nil { return nil }
        var values = fromConfig ?? [:]
        var source = "profile \"\(profile)\" in \(configPath)"
        if let fromCredentials {
            let hasKeys = fromCredentials["aws_access_key_id"] != nil || fromCredentials["aws_secret_access_key"] != nil
            if hasKeys {
                for key in ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"] {
                    values[key] = fromCredentials[key]
                }
                source = "profile \"\(profile)\" in \(credentialsPath)"
            }
            values.merge(fromCredentials) { _, new in new }
        }
        return Settings(values: values, source: source)
    }

    /// The `[sso-session NAME]` section of the config file.
    func ssoSession(_ name: String) -> [String: String]? {
        configFile?.sections["sso-session \(name)"]
    }
}
