/// One secret found in one place.
///
/// `secret` holds the full secret: reporters must go through ``redactedMatch`` / ``Redaction``
/// unless the user asked for `--show-secrets`.
public struct Finding: Sendable, Hashable {
    /// The rule that matched, e.g. `aws-access-key-id`.
    public var ruleID: String
    /// The rule's one-line description.
    public var description: String
    /// The rule's severity.
    public var severity: Severity
    /// Path relative to the scan root (or the path inside the repository in git modes).
    public var path: String
    /// 1-based line of the first byte of the secret.
    public var line: Int
    /// 1-based column (in bytes) of the first byte of the secret.
    public var column: Int
    /// 1-based line of the last byte of the secret.
    public var endLine: Int
    /// 1-based column one past the last byte of the secret, as in DESIGN.md (`end_column`).
    public var endColumn: Int
    /// The secret itself (the rule's capture group). Never printed unless `--show-secrets`.
    public var secret: String
    /// The AWS access key ID this finding is (aws-access-key-id) or is paired with (secrets).
    public var keyID: String?
    /// `sha256:` + hex of rule, path and secret: stable across runs and line moves.
    public var fingerprint: String
    /// The commit that introduced the line, in git modes.
    public var commit: CommitInfo?
    /// True when the secret is one of AWS's documentation values (`…EXAMPLE`, `…EXAMPLEKEY`).
    public var isExample: Bool
    /// 0-based byte offset of the secret's first byte, in binary files (where lines mean little);
    /// inside an archive, the offset in the member's uncompressed bytes.
    public var byteOffset: Int?
    /// The file's path bytes when they are not valid UTF-8 (`path` then shows them as `\xNN`).
    public var pathBytes: [UInt8]?
    /// True when `path` names a member inside an archive (`app.jar!/config.properties`): not a
    /// file on disk, never rewritten by remediation.
    public var isArchiveMember = false
    /// In a `--history` shard: the blob's place in the whole history's order, the same in every
    /// shard, so that `keyward merge` keeps the oldest of the findings the shards report at one
    /// path (as an unsharded scan does). Nil otherwise.
    public var shardOrder: Int?
    /// The redacted secret, for a finding read back from a report that does not hold the secret
    /// (`keyward merge --format sarif` of JSON reports); nil: redact ``secret``.
    public var knownRedaction: String?

    /// Creates a finding; the fingerprint is derived from rule, path and secret.
    public init(
        ruleID: String, description: String, severity: Severity, path: String,
        line: Int, column: Int, endLine: Int, endColumn: Int, secret: String,
        keyID: String? = nil, commit: CommitInfo? = nil, isExample: Bool = false, byteOffset: Int? = nil
    ) {
        self.ruleID = ruleID
        self.description = description
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.secret = secret
        self.keyID = keyID
        self.commit = commit
        self.isExample = isExample
        self.byteOffset = byteOffset
        self.fingerprint = Fingerprint.of(ruleID: ruleID, path: path, secret: secret)
    }

    /// The secret as reports show it: whole with `showSecrets`, else redacted.
    public func displayedMatch(showSecrets: Bool) -> String {
        showSecrets ? secret : redactedSecret
    }

    /// The secret redacted (``Redaction``), as every report shows it without `--show-secrets`.
    public var redactedSecret: String {
        knownRedaction ?? Redaction.redact(secret)
    }
}

/// How bad a finding is.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    /// Orders by badness: low < medium < high < critical.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }
}

/// The commit a finding's line came from (git modes only).
public struct CommitInfo: Sendable, Hashable, Codable {
    /// Full 40-hex commit SHA.
    public var sha: String
    /// Author name.
    public var author: String
    /// Author email.
    public var email: String
    /// Author date, ISO 8601.
    public var date: String

    /// Creates commit details.
    public init(sha: String, author: String, email: String, date: String) {
        self.sha = sha
        self.author = author
        self.email = email
        self.date = date
    }
}
