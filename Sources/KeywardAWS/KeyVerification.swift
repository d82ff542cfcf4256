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
        /// A canary (honeytoken) key: its account is a canary account; nothing was sent to AWS.
        case canary
    }

    /// How a verdict was reached.
    public enum Method: String, Sendable, Equatable {
        /// The operator's credentials read the key's state (GetAccessKeyLastUsed, ListAccessKeys):
        /// the leaked key signed nothing, so nothing lands in its CloudTrail and no canary fires.
        case quiet
        /// STS GetCallerIdentity signed with the found pair.
        case sign
        /// Offline, from the key ID alone (canary accounts).
        case offline
    }

    /// Which verification `--verify` uses.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// Quiet when the operator's credentials can see the key's account, else signing.
        case auto
        /// Quiet only: a key the operator cannot see is `unverified`, never signed with.
        case quiet
        /// Sign with the found pair (the peers' way), then describe with operator credentials.
        case sign
    }

    /// The access key ID.
    public var keyID: String
    /// The verdict.
    public var status: Status
    /// How the verdict was reached.
    public var method: Method?
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
