import Foundation

/// The journaled states of one rotation, in order.
public enum RotationState: String, Sendable, Codable, CaseIterable, Comparable {
    /// Planned; nothing changed yet.
    case planned
    /// The new key exists and is in the journal.
    case created
    /// The new key authenticates.
    case verified
    /// Files and delivery targets hold the new key.
    case replaced
    /// The old key is Inactive.
    case deactivated
    /// The old key is deleted; the rotation is complete.
    case deleted
    /// Rolled back: old key active again, new key deleted, files restored.
    case rolledBack = "rolled-back"

    /// Whether nothing more will happen to this rotation.
    public var isFinished: Bool { self == .deleted || self == .rolledBack }

    /// Order of the states.
    public static func < (lhs: RotationState, rhs: RotationState) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
