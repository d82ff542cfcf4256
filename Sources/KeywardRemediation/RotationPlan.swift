import Foundation

/// What keyward found about a leaked key and what it will do, before changing anything.
public struct RotationPlan: Sendable, Equatable, Codable {
    /// Why nothing needs doing.
    public enum AlreadyHandled: String, Sendable, Equatable, Codable {
        /// The key exists but is already Inactive.
        case inactive
        /// The key does not exist (deleted, or AWS never knew it).
        case deleted
        /// The key belongs to another AWS account than the operator's.
        case otherAccount = "other-account"
    }

    /// A file where the key was found that keyward will not rewrite, and why (seen before any change).
    public struct UnrewritableFile: Sendable, Equatable, Codable {
        /// The file.
        public var path: String
        /// Why (a symbolic link, outside the scanned tree, not text, the key not found…).
        public var reason: String
    }

    /// One of the user's keys at planning time.
    public struct Key: Sendable, Equatable, Codable {
        /// Access key ID.
        public var keyID: String
        /// `Active` or `Inactive`.
        public var status: String
    }

    /// The leaked key.
    public var keyID: String
    /// The IAM user owning it (empty when unknown).
    public var user: String
    /// The AWS account, when known.
    public var account: String?
    /// `operator` or `leaked-key`: whose credentials sign the calls.
    public var mode: String
    /// The user's keys when planning.
    public var existingKeys: [Key]
    /// The user's other, inactive key that will be deleted first (`--delete-inactive`).
    public var inactiveKeyToDelete: String?
    /// `AWSCompromisedKeyQuarantine*` policies attached to the user.
    public var quarantinePolicies: [String]
    /// When the leaked key was last used, if ever.
    public var lastUsed: Date?
    /// The service it was last used with.
    public var lastUsedService: String?
    /// Files to rewrite with the new pair (not tracked by git).
    public var filesToRewrite: [String]
    /// Files tracked by git: never given the new secret.
    public var trackedFiles: [String]
    /// Whether tracked files get the old secret replaced by a placeholder.
    public var redactTracked: Bool
    /// Extra delivery targets.
    public var deliveries: [DeliveryTarget]
    /// Seconds between deactivation and deletion.
    public var grace: TimeInterval
    /// Files found holding the key that the plan's check showed cannot be rewritten (left alone).
    public var unrewritableFiles: [UnrewritableFile]? = nil
    /// The scanned trees rewrites must stay under (empty: files named one by one).
    public var roots: [String]? = nil
    /// When the plan was made.
    public var plannedAt: Date? = nil
    /// Whether sessions the key (or the user) minted before the deactivation are left alone.
    public var keepSessions: Bool? = nil
    /// Whether AWS's quarantine policies are detached once the rotation is done.
    public var releaseQuarantine: Bool? = nil
    /// A ledger file to record the completed rotation in, besides the state directory's.
    public var ledgerFile: String? = nil
    /// Set when there is nothing to rotate.
    public var alreadyHandled: AlreadyHandled?
    /// The steps, in words, in order.
    public var steps: [String]
}
