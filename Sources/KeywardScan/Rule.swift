/// One detection rule, as read from the rule pack (data, not code).
public struct Rule: Sendable, Hashable {
    /// Stable identifier, e.g. `github-pat-classic`.
    public var id: String
    /// One-line description shown in reports.
    public var description: String
    /// How bad a match is.
    public var severity: Severity
    /// PCRE2 pattern, matched against raw bytes.
    public var regex: String
    /// Lowercase keywords; the rule runs only on text containing one of them (any case). Empty: always.
    public var keywords: [String]
    /// Capture group holding the secret (0 = whole match).
    public var secretGroup: Int
    /// Minimum Shannon entropy (bits per character) of the secret; 0 disables the check.
    public var minEntropy: Double
    /// What the rule means for AWS pairing.
    public var aws: AWSRole?
    /// Longest match the rule can produce, in bytes: the regex runs from 256 bytes before each
    /// keyword occurrence to this many bytes after it.
    public var maxLength: Int
    /// No match crosses a line, and each lies on the line of a keyword occurrence: the regex then
    /// runs only over those lines (bounded by the 256 bytes before the keyword and `maxLength`
    /// after it) instead of 256 bytes before to `maxLength` after each occurrence.
    public var singleLine: Bool
    /// Safe on binary data (compiled programs, `.pyc`, SQLite files, archive members with NUL
    /// bytes): prefixed tokens, AWS key IDs, private-key blocks. Only these rules run on binary files.
    public var binary: Bool
    /// The pattern used on binary data instead of `regex`, when word boundaries there mean nothing
    /// (a SQLite record glues a column's type byte, often an ASCII digit or letter, to its text).
    public var binaryRegex: String?
    /// The rule's own allowlist.
    public var allowlist: RuleAllowlist
    /// Texts that must produce a finding of this rule.
    public var examples: [String]
    /// Texts that must not produce a finding of this rule.
    public var negativeExamples: [String]
    /// Where the rule was defined (`rules/aws.toml:12`), for error messages.
    public var origin: String

    /// AWS roles used to pair key IDs with secrets.
    public enum AWSRole: String, Sendable, Hashable {
        /// The secret is an access key ID (`AKIA…`).
        case keyID = "key-id"
        /// The secret is a secret access key found by context (`aws_secret_access_key = …`).
        case secret
        /// The secret is a session token.
        case sessionToken = "session-token"
    }

    /// Creates a rule.
    public init(
        id: String, description: String, severity: Severity, regex: String, keywords: [String] = [],
        secretGroup: Int = 0, minEntropy: Double = 0, aws: AWSRole? = nil, maxLength: Int = 1024,
        singleLine: Bool = false, binary: Bool = false, binaryRegex: String? = nil, allowlist: RuleAllowlist = RuleAllowlist(), examples: [String] = [],
        negativeExamples: [String] = [], origin: String = "<builtin>"
    ) {
        self.id = id
        self.description = description
        self.severity = severity
        self.regex = regex
        self.keywords = keywords.map { $0.lowercased() }
        self.secretGroup = secretGroup
        self.minEntropy = minEntropy
        self.aws = aws
        self.maxLength = maxLength
        self.singleLine = singleLine
        self.binary = binary
        self.binaryRegex = binaryRegex
        self.allowlist = allowlist
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.origin = origin
    }
}

/// Values a rule (or the config) deliberately ignores.
public struct RuleAllowlist: Sendable, Hashable {
    /// PCRE2 patterns; a secret matching any of them is not reported.
    public var regexes: [String]
    /// Case-insensitive substrings; a secret containing any of them is not reported.
    public var stopwords: [String]
    /// PCRE2 patterns over the relative path; a file matching any of them is not reported.
    public var paths: [String]

    /// Creates an allowlist.
    public init(regexes: [String] = [], stopwords: [String] = [], paths: [String] = []) {
        self.regexes = regexes
        self.stopwords = stopwords
        self.paths = paths
    }

    /// True when nothing is allowed.
    public var isEmpty: Bool { regexes.isEmpty && stopwords.isEmpty && paths.isEmpty }
}
