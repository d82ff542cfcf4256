import Foundation

/// The on-disk record of one rotation: every transition is saved before the next AWS call.
public struct RotationJournal: Sendable, Equatable, Codable {
    /// A file keyward rewrote, and its backup.
    public struct RewrittenFile: Sendable, Equatable, Codable {
        /// The rewritten file.
        public var path: String
        /// The backup of its previous content (0600).
        public var backup: String
    }

    /// One transition and when it happened.
    public struct Transition: Sendable, Equatable, Codable {
        /// The step (`plan`, `create`, `verify`…).
        public var step: String
        /// When it was journaled.
        public var at: Date
    }

    /// Journaled just before CreateAccessKey, cleared once its answer is known: a run that died (or lost
    /// the answer) in between left at most one key of its own, created after `at` and not in `knownKeys`.
    public struct CreateMark: Sendable, Equatable, Codable {
        /// The service's clock (ListAccessKeys' `Date` header) when the call was about to go out.
        public var at: Date
        /// The user's keys listed just before the call.
        public var knownKeys: [String]
        /// Seconds within which the call's key can have been created (its timeout plus clock slack).
        public var window: TimeInterval
    }

    /// Journal format version.
    public var version = 1
    /// The leaked key.
    public var keyID: String
    /// The current state.
    public var state: RotationState
    /// The plan the rotation follows.
    public var plan: RotationPlan
    /// The leaked secret while files still need it (null once finished).
    public var oldSecret: String?
    /// The new key ID.
    public var newKeyID: String?
    /// The new secret until the rotation finishes (then null).
    public var newSecret: String?
    /// A CreateAccessKey whose answer is not known yet (see ``CreateMark``).
    public var creating: CreateMark?
    /// Whether the backups (which hold the old secret) were removed after the old key was deleted.
    public var backupsRemoved: Bool?
    /// The inline policy put on the user to deny sessions issued before the deactivation.
    public var sessionDenyPolicy: String?
    /// Quarantine policies detached after the rotation (`--release-quarantine`).
    public var quarantineReleased: [String]?
    /// Keys deleted because a crash left them without a journaled secret.
    public var orphanKeysDeleted: [String] = []
    /// The inactive key deleted to make room (`--delete-inactive`).
    public var deletedInactiveKey: String?
    /// Files given the new pair.
    public var rewritten: [RewrittenFile] = []
    /// Git-tracked files whose old secret was replaced by the placeholder.
    public var redacted: [RewrittenFile] = []
    /// Delivery targets written.
    public var delivered: [String] = []
    /// The old key's last use, read just before deactivating it.
    public var lastUsedBeforeDeactivation: Date?
    /// When the old key was deactivated.
    public var deactivatedAt: Date?
    /// Every transition.
    public var history: [Transition] = []
    /// The last result in words (`done`, or why it stopped).
    public var outcome: String?

    /// A fresh journal for a plan.
    public init(plan: RotationPlan, oldSecret: String?) {
        keyID = plan.keyID
        state = .planned
        self.plan = plan
        self.oldSecret = oldSecret
    }

    /// Whether nothing more will happen.
    public var isFinished: Bool { state.isFinished }
}
