/// Everything one scan produced: findings, what was skipped and why, and the AWS keys involved.
public struct ScanReport: Sendable {
    /// Findings after allowlists, examples and baseline, sorted by path, line, column, rule.
    public var findings: [Finding]
    /// Files not scanned, each with its reason (binary, unreadable, vanished, symlink loop…).
    public var skipped: [SkippedFile]
    /// Rule errors hit during the scan (match limit…): the scan went on.
    public var errors: [ScanIssue]
    /// Files whose bytes were scanned.
    public var filesScanned: Int
    /// Bytes scanned.
    public var bytesScanned: Int
    /// AWS documentation keys seen and suppressed (reported with `--include-examples`).
    public var suppressedExamples: Int
    /// Findings dropped because the baseline already records them.
    public var suppressedByBaseline: Int
    /// Findings dropped by an allowlist (rule, config or inline comment).
    public var suppressedByAllowlist: Int
    /// Wall time of the scan in seconds.
    public var elapsedSeconds: Double
    /// AWS findings grouped by key ID.
    public var keys: [KeyReport]

    /// Where the config in force came from, in git modes (nil: a file scan, or not recorded).
    public var config: ConfigProvenance?

    /// The shard this report covers (`--shard I/N`); nil for a whole scan.
    public var shard: ShardInfo?

    /// Files that could not be read (see ``SkippedFile/isError``).
    public var fileErrors: [SkippedFile] { skipped.filter(\.isError) }

    /// True when a rule or a file could not be scanned completely: the scan must not pass a gate.
    public var isIncomplete: Bool { !errors.isEmpty || skipped.contains(where: \.isError) }

    /// Creates a report.
    public init(
        findings: [Finding] = [], skipped: [SkippedFile] = [], errors: [ScanIssue] = [],
        filesScanned: Int = 0, bytesScanned: Int = 0, suppressedExamples: Int = 0,
        suppressedByBaseline: Int = 0, suppressedByAllowlist: Int = 0,
        elapsedSeconds: Double = 0, keys: [KeyReport] = []
    ) {
        self.findings = findings
        self.skipped = skipped
        self.errors = errors
        self.filesScanned = filesScanned
        self.bytesScanned = bytesScanned
        self.suppressedExamples = suppressedExamples
        self.suppressedByBaseline = suppressedByBaseline
        self.suppressedByAllowlist = suppressedByAllowlist
        self.elapsedSeconds = elapsedSeconds
        self.keys = keys
    }
}

/// A file the scan did not read, and why.
public struct SkippedFile: Sendable, Hashable, Codable {
    /// Path relative to the scan root.
    public var path: String
    /// Short reason: `unreadable: Permission denied`, `vanished`, `symlink loop`, `symlink`,
    /// `encrypted archive member`…
    public var reason: String
    /// The path's bytes when they are not valid UTF-8 (`path` then shows them as `\xNN`).
    public var pathBytes: [UInt8]?

    enum CodingKeys: String, CodingKey {
        case path, reason
        case pathBytes = "path_bytes"
    }

    /// Creates a skipped-file entry.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// Reason prefixes that mean the file could not be read, as opposed to skipped on purpose
    /// (binary, symlink, allowlisted…): such a file may hold a leak nobody looked at.
    public static let errorPrefixes = ["unreadable", "missing object", "error"]

    /// True when the file could not be read (a file error: the scan is incomplete).
    public var isError: Bool {
        Self.errorPrefixes.contains { reason.hasPrefix($0) }
    }
}

/// A problem hit while scanning one file with one rule; the scan went on.
public struct ScanIssue: Sendable, Hashable, Codable {
    /// The rule involved, if any.
    public var ruleID: String?
    /// The file involved.
    public var path: String
    /// What happened, e.g. `match limit exceeded`.
    public var message: String

    /// Creates an issue.
    public init(ruleID: String?, path: String, message: String) {
        self.ruleID = ruleID
        self.path = path
        self.message = message
    }
}

/// One AWS access key ID and everything the scan (and `--verify`) learned about it.
public struct KeyReport: Sendable, Hashable {
    /// The access key ID, whole (an identifier, not a secret).
    public var keyID: String
    /// Key kind from the prefix, e.g. `long-term IAM user key`.
    public var kind: String
    /// Account decoded offline from the ID; nil for legacy IDs.
    public var account: String?
    /// Whether a paired secret was found next to it.
    public var secretFound: Bool
    /// The paired secret (full; never reported unless `--show-secrets`), used by `--verify`.
    public var secret: String?
    /// Every place the key ID or its secret was found.
    public var locations: [KeyLocation]
    /// What AWS said, with `--verify`.
    public var verification: KeyVerification?
    /// Whether the key's decoded account is a canary (honeytoken) account: never sent to AWS.
    public var canary = false
    /// The remediation ledger's record of this key's rotation, when it was rotated.
    public var remediation: KeyRemediation?

    /// Creates a key entry.
    public init(
        keyID: String, kind: String, account: String?, secretFound: Bool, secret: String? = nil,
        locations: [KeyLocation], verification: KeyVerification? = nil
    ) {
        self.keyID = keyID
        self.kind = kind
        self.account = account
        self.secretFound = secretFound
        self.secret = secret
        self.locations = locations
        self.verification = verification
    }
}

extension ScanReport {
    /// The AWS keys by key ID (first entry wins), built once per reporter instead of a search per finding.
    public func keyIndex() -> [String: KeyReport] {
        Dictionary(keys.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A completed rotation of a key, from the remediation ledger (no secret).
public struct KeyRemediation: Sendable, Hashable, Codable {
    /// When the old key was deleted (ISO 8601).
    public var rotatedAt: String
    /// The key that replaced it.
    public var newKeyID: String?
    /// The IAM user.
    public var user: String?

    enum CodingKeys: String, CodingKey {
        case rotatedAt = "rotated_at"
        case newKeyID = "new_key_id"
        case user
    }

    /// Creates a record.
    public init(rotatedAt: String, newKeyID: String?, user: String?) {
        self.rotatedAt = rotatedAt
        self.newKeyID = newKeyID
        self.user = user
    }
}

/// A place a key was found.
public struct KeyLocation: Sendable, Hashable, Codable {
    /// Path relative to the scan root.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// The commit, in git modes.
    public var commit: String?
    /// The path names a member inside an archive (`app.jar!/application.properties`).
    public var isArchiveMember = false
    /// The path's bytes when they are not valid UTF-8.
    public var pathBytes: [UInt8]?

    enum CodingKeys: String, CodingKey {
        case path, line, commit
    }

    /// Creates a location.
    public init(path: String, line: Int, commit: String? = nil) {
        self.path = path
        self.line = line
        self.commit = commit
    }
}

/// The result of asking AWS about one key (`--verify`). Filled by the CLI from the AWS module.
public struct KeyVerification: Sendable, Hashable, Codable {
    /// `live`, `invalid`, `unverified` (no secret found) or `error`.
    public var status: String
    /// Caller ARN from GetCallerIdentity.
    public var arn: String?
    /// Account from GetCallerIdentity.
    public var account: String?
    /// IAM user name owning the key (operator view).
    public var user: String?
    /// `Active` or `Inactive` (operator view).
    public var keyStatus: String?
    /// Last use date, ISO 8601 (operator view).
    public var lastUsedDate: String?
    /// Last use service.
    public var lastUsedService: String?
    /// Last use region.
    public var lastUsedRegion: String?
    /// Names of `AWSCompromisedKeyQuarantine*` policies attached to the user.
    public var quarantinePolicies: [String]?
    /// Why the status is `invalid` or `error` (AWS error code, never the secret).
    public var detail: String?
    /// How the verdict was reached: `quiet` (operator credentials only), `sign` (the found pair signed
    /// GetCallerIdentity) or `offline` (a canary key, never sent).
    public var method: String?

    enum CodingKeys: String, CodingKey {
        case status, arn, account, user, detail, method
        case keyStatus = "key_status"
        case lastUsedDate = "last_used_date"
        case lastUsedService = "last_used_service"
        case lastUsedRegion = "last_used_region"
        case quarantinePolicies = "quarantine_policies"
    }

    /// Creates a verification result.
    public init(
        status: String, arn: String? = nil, account: String? = nil, user: String? = nil,
        keyStatus: String? = nil, lastUsedDate: String? = nil, lastUsedService: String? = nil,
        lastUsedRegion: String? = nil, quarantinePolicies: [String]? = nil, detail: String? = nil,
        method: String? = nil
    ) {
        self.status = status
        self.arn = arn
        self.account = account
        self.user = user
        self.keyStatus = keyStatus
        self.lastUsedDate = lastUsedDate
        self.lastUsedService = lastUsedService
        self.lastUsedRegion = lastUsedRegion
        self.quarantinePolicies = quarantinePolicies
        self.detail = detail
        self.method = method
    }
}
