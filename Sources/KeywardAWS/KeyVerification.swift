import Foundation

/// A key found somewhere, with the secret found beside it (if any).
public struct KeyCandidate: Sendable, Hashable {
    /// The access key ID.
    public var keyID: String
    /// The paired secret access key, when one was found.
    public var secret: String?
    /// The session token found with a temporary (`ASIA…`) key's pair, when one was found.
    public var sessionToken: String?

    /// Creates a candidate.
    public init(keyID: String, secret: String? = nil, sessionToken: String? = nil) {
        self.keyID = keyID
        self.secret = secret
        self.sessionToken = sessionToken
    }
}

/// What AWS says about one key; a plain value, safe to print (it holds no secret).
public struct KeyVerification: Sendable, Equatable {
    /// The verdict on a key.
    public enum Status: String, Sendable, Equatable {
        /// A found pair authenticated: the key works.
        case live
        /// AWS refused the key (unknown or deleted, or no found secret matches it).
        case invalid
        /// No secret was found, so the pair could not be tried.
        case unverified
        /// The check itself failed (network, throttling, permissions…); see `detail`.
        case error
    }

    /// The access key ID.
    public var keyID: String
    /// The verdict.
    public var status: Status
    /// The caller ARN from GetCallerIdentity (live keys).
    public var arn: String?
    /// The owning account (GetCallerIdentity, else GetAccessKeyInfo with operator credentials).
    public var account: String?
    /// The owning IAM user (from the ARN, else found with operator credentials).
    public var user: String?
    /// Active or Inactive, from ListAccessKeys (operator credentials).
    public var keyStatus: AccessKeyStatus?
    /// Last use, from GetAccessKeyLastUsed (operator credentials).
    public var lastUsedDate: Date?
    /// The service of the last use.
    public var lastUsedService: String?
    /// The region of the last use.
    public var lastUsedRegion: String?
    /// Managed policies on the user whose name starts with `AWSCompromisedKeyQuarantine`.
    public var quarantinePolicies: [String] = []
    /// Why the verdict is what it is, or what could not be found out; never contains a secret.
    public var detail: String?

    /// Creates a result.
    public init(keyID: String, status: Status, detail: String? = nil) {
        self.keyID = keyID
        self.status = status
        self.detail = detail
    }
}
