/// What an AWS access key ID says about itself, without asking AWS.
///
/// The first four characters name the kind of identifier; for keys created since 2019 the next
/// characters encode the owning account (base32, 6 bytes, account in bits 7...46).
public struct AWSKeyID: Hashable, Sendable, CustomStringConvertible {
    /// The identifier as written, e.g. `AKIAFAPSPHLSEQBQN35Y` (DESIGN.md's example; keyward:allow).
    public let value: String
    /// The four-character prefix, e.g. `AKIA`.
    public let prefix: String
    /// The kind of identifier the prefix names.
    public let kind: Kind
    /// The 12-digit account ID decoded from the identifier; nil for legacy IDs (`AKIAI…`, `AKIAJ…`).
    public let account: String?

    /// Kinds of AWS unique identifiers, by their documented prefix.
    public enum Kind: String, Sendable, CaseIterable {
        case accessKey = "long-term IAM user key"
        case temporaryAccessKey = "temporary (STS) access key"
        case bearerToken = "AWS STS service bearer token"
        case contextCredential = "context-specific credential"
        case legacyAccessKey = "legacy access key"
        case other = "other AWS identifier"
    }

    /// Parses an identifier; nil when it is not 16 to 128 characters of `A-Z2-7` after a known prefix.
    public init?(_ value: String) {
        let bytes = Array(value.utf8)
        guard bytes.count >= 16, bytes.count <= 128 else { return nil }
        guard bytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }) else { return nil }
        let prefix = String(value.prefix(4))
        let kind: Kind
        switch prefix {
        case "AKIA": kind = .accessKey
        case "ASIA": kind = .temporaryAccessKey
        case "ABIA": kind = .bearerToken
        case "ACCA": kind = .contextCredential
        default:
            if prefix.hasPrefix("A3T") {
                kind = .legacyAccessKey
            } else if Self.otherPrefixes.contains(prefix) {
                kind = .other
            } else {
                return nil
            }
        }
        self.value = value
        self.prefix = prefix
        self.kind = kind
        self.account = kind == .legacyAccessKey ? nil : Self.decodeAccount(bytes)
    }

    /// Prefixes AWS documents for identifiers that are not access keys (roles, users, groups, …).
    static let otherPrefixes: Set<String> = [
        "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA",
    ]

    /// The identifier is an access key (something that signs requests), not a user or role ID.
    public var isAccessKey: Bool { kind != .other }

    /// Whether `keyID` is a temporary (STS, `ASIA…`) key: it signs only with its session token and
    /// has no IAM access key behind it (nothing to look up in IAM, nothing to rotate).
    public static func isTemporary(_ keyID: String) -> Bool { AWSKeyID(keyID)?.kind == .temporaryAccessKey }

    /// The account, decoded the way Tal Be'ery and Aidan Steele documented it (2023).
    static func decodeAccount(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 14 else { return nil }
        let fifth = bytes[4]
        // Identifiers minted before the 2019 format carry no account: their fifth character is I or J.
        if fifth == UInt8(ascii: "I") || fifth == UInt8(ascii: "J") { return nil }
        // Base32-decode characters 4..<14 (10 characters, 50 bits) and keep the first 48 bits.
        var acc: UInt64 = 0
        for byte in bytes[4..<14] {
            guard let v = base32Value(byte) else { return nil }
            acc = (acc << 5) | UInt64(v)
        }
        let first48 = acc >> 2
        let account = (first48 & 0x7fff_ffff_ff80) >> 7
        // Account IDs have 12 digits; anything larger is not an AWS-minted identifier.
        guard account <= 999_999_999_999 else { return nil }
        let digits = String(account)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    static func base32Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 65...90: return byte - 65
        case 50...55: return byte - 50 + 26
        default: return nil
        }
    }

    /// The identifier itself.
    public var description: String { value }
}
