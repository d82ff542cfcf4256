import Foundation

/// Time for the state machine: the current date and waiting (a test seam).
public protocol RemediationClock: Sendable {
    /// The current date.
    func now() -> Date
    /// Waits for `duration`.
    func sleep(for duration: Duration) async throws
}

/// The system clock.
public struct SystemRemediationClock: RemediationClock {
    /// Creates the system clock.
    public init() {}
    /// The current date.
    public func now() -> Date { Date() }
    /// Sleeps with `Task.sleep`.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
