import Foundation

/// What happened to one key.
public struct RotationResult: Sendable {
    /// How the rotation ended.
    public enum Status: String, Sendable, Equatable {
        /// Old key deleted; the rotation is complete.
        case done
        /// `--dry-run`: the plan only.
        case planned
        /// Nothing to do: the key is already inactive, deleted or not the operator's.
        case alreadyHandled = "already-handled"
        /// Refused before changing anything (e.g. the user has two keys).
        case refused
        /// Stopped on purpose or by a failure after changes began; journaled, `--resume` continues.
        case stopped
        /// Rolled back.
        case rolledBack = "rolled-back"
    }

    /// The leaked key.
    public var keyID: String
    /// The outcome.
    public var status: Status
    /// The plan followed (nil when planning itself failed).
    public var plan: RotationPlan?
    /// The journal's final state (nil when nothing was journaled).
    public var journal: RotationJournal?
    /// The journal file.
    public var journalPath: String?
    /// Why it stopped or was refused.
    public var error: RemediationError?
    /// When a grace period ends (stopped during grace).
    public var graceUntil: Date?
    /// The new secret (only while the rotation is unfinished or just finished; print only on request).
    public var newSecret: String?

    /// Creates a result.
    public init(
        keyID: String, status: Status, plan: RotationPlan? = nil, journal: RotationJournal? = nil,
        journalPath: String? = nil, error: RemediationError? = nil, graceUntil: Date? = nil, newSecret: String? = nil
    ) {
        self.keyID = keyID
        self.status = status
        self.plan = plan
        self.journal = journal
        self.journalPath = journalPath
        self.error = error
        self.graceUntil = graceUntil
        self.newSecret = newSecret
    }

    /// Steps journaled, in order.
    public var stepsDone: [String] { journal?.history.map(\.step) ?? [] }
    /// Files given the new pair.
    public var filesRewritten: [String] { journal?.rewritten.map(\.path) ?? [] }
    /// Where the new pair was delivered.
    public var deliveredTo: [String] { journal?.delivered ?? [] }
}
