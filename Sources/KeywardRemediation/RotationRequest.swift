import Foundation

/// What to rotate and how: one leaked key, where it was found, where the new pair goes.
public struct RotationRequest: Sendable, Equatable {
    /// The leaked access key ID.
    public var keyID: String
    /// The leaked secret, when known: needed to rewrite files and for `actAsLeakedKey`.
    public var oldSecret: String?
    /// Files where the key was found (absolute or relative to the working directory).
    public var files: [String]
    /// Extra places the new pair is written to.
    public var deliveries: [DeliveryTarget]
    /// Sign every call with the leaked pair (then the new pair) instead of the operator's credentials.
    public var actAsLeakedKey: Bool
    /// Delete the user's other key when it is inactive and the user already holds two keys.
    public var deleteInactive: Bool
    /// Replace the old secret in git-tracked files by `REDACTED-BY-KEYWARD`.
    public var redactTracked: Bool
    /// Seconds to wait after deactivation before checking use and deleting (0: at once).
    public var grace: TimeInterval
    /// The scanned trees: a file is only rewritten when its real path (links resolved) lies under one.
    /// Empty for files named one by one (`rotate --file`), which are rewritten where they are.
    public var roots: [String] = []
    /// Skip the inline policy that denies sessions issued before the deactivation (`--keep-sessions`).
    public var keepSessions = false
    /// Detach `AWSCompromisedKeyQuarantine*` policies from the user once the rotation is done.
    public var releaseQuarantine = false
    /// Also record the completed rotation in this ledger file (e.g. a committed `.keyward-ledger.json`).
    public var ledgerFile: String?
    /// Canary accounts besides the published ones: such keys are never rotated.
    public var extraCanaryAccounts: Set<String> = []

    /// Creates a request.
    public init(
        keyID: String, oldSecret: String? = nil, files: [String] = [], deliveries: [DeliveryTarget] = [],
        actAsLeakedKey: Bool = false, deleteInactive: Bool = false, redactTracked: Bool = false,
        grace: TimeInterval = 0
    ) {
        self.keyID = keyID
        self.oldSecret = oldSecret
        self.files = files
        self.deliveries = deliveries
        self.actAsLeakedKey = actAsLeakedKey
        self.deleteInactive = deleteInactive
        self.redactTracked = redactTracked
        self.grace = grace
    }
}
