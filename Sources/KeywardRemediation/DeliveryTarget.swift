import Foundation

/// Where the new key pair goes besides the files it replaces (`--deliver`).
public enum DeliveryTarget: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A profile in an AWS shared credentials file (nil file: `~/.aws/credentials`).
    case profile(name: String, file: String?)
    /// A 0600 env file with `AWS_ACCESS_KEY_ID=` and `AWS_SECRET_ACCESS_KEY=` lines.
    case envFile(path: String)
    /// A Secrets Manager secret (PutSecretValue, JSON with both variables).
    case secretsManager(secretID: String)

    /// Parses `profile:NAME[@FILE]`, `file:PATH` or `secretsmanager:SECRET_ID`.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw RemediationError.invalidArgument(
                "--deliver \(text): expected profile:NAME[@FILE], file:PATH or secretsmanager:SECRET_ID")
        }
        let kind = text[..<colon].lowercased()
        let value = String(text[text.index(after: colon)...])
        guard !value.isEmpty else { throw RemediationError.invalidArgument("--deliver \(text): empty value") }
        switch kind {
        case "profile":
            if let at = value.firstIndex(of: "@") {
                let name = String(value[..<at])
                let file = String(value[value.index(after: at)...])
                guard !name.isEmpty, !file.isEmpty else {
                    throw RemediationError.invalidArgument("--deliver \(text): expected profile:NAME@FILE")
                }
                self = .profile(name: name, file: file)
            } else {
                self = .profile(name: value, file: nil)
            }
        case "file": self = .envFile(path: value)
        case "secretsmanager": self = .secretsManager(secretID: value)
        default:
            throw RemediationError.invalidArgument(
                "--deliver \(text): unknown kind \(kind) (profile, file or secretsmanager)")
        }
    }

    /// The target as written on the command line.
    public var description: String {
        switch self {
        case .profile(let name, let file): return "profile:\(name)" + (file.map { "@\($0)" } ?? "")
        case .envFile(let path): return "file:\(path)"
        case .secretsManager(let id): return "secretsmanager:\(id)"
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
