import Foundation

/// The side effects remediation uses besides AWS: files, time, git, and a crash-test hook.
public struct RemediationEnvironment: Sendable {
    /// File operations.
    public var fileSystem: any FileSystemOps
    /// Current time and waiting.
    public var clock: any RemediationClock
    /// Whether git tracks a file; throws when git cannot answer (the rotation then stops before any change).
    public var isTracked: @Sendable (String) throws -> Bool
    /// The home directory for `~/` in delivery targets.
    public var home: String
    /// Called right after each step is journaled (`plan`, `create`, `verify`, `replace`, `deactivate`,
    /// `delete`) and once between CreateAccessKey and its journal entry (`create-call`).
    public var checkpoint: @Sendable (String) -> Void
    /// Attempts of STS GetCallerIdentity with the new key before giving up.
    public var verifyAttempts: Int
    /// Wait before the first verification retry (doubles each time).
    public var verifyBackoff: Duration

    /// The real environment.
    public init(
        fileSystem: any FileSystemOps = LocalFileSystem(), clock: any RemediationClock = SystemRemediationClock(),
        isTracked: @escaping @Sendable (String) throws -> Bool = { try GitTracking().isTracked($0) },
        home: String = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(),
        checkpoint: @escaping @Sendable (String) -> Void = { _ in },
        verifyAttempts: Int = 6, verifyBackoff: Duration = .milliseconds(500)
    ) {
        self.fileSystem = fileSystem
        self.clock = clock
        self.isTracked = isTracked
        self.home = home
        self.checkpoint = checkpoint
        self.verifyAttempts = max(1, verifyAttempts)
        self.verifyBackoff = verifyBackoff
    }
}
