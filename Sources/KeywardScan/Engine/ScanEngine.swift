import Foundation

/// The compiled rule set and global allowlist: scans bytes labelled with a path.
///
/// Thread-safe: per-thread match state comes from an internal pool, so one engine serves a whole
/// parallel scan (files, staged blobs, git history).
public final class ScanEngine: Sendable {
    /// Tunables.
    public struct Options: Sendable {
        /// A bare 40-character string within this many lines of an AWS key ID is paired with it.
        public var pairingWindowLines = 5
        /// …and within this many bytes of it.
        public var pairingWindowBytes = 1024
        /// A key ID with no secret that close takes the only candidate within this many lines…
        public var pairingFarWindowLines = 40
        /// …and this many bytes (see ``AWSPairing``).
        public var pairingFarWindowBytes = 4096
        /// Decode base64 values of Kubernetes Secret manifests and scan the result.
        public var decodeBase64Secrets = true
        /// Where the compiled keyword database is cached between runs (see ``PrefilterCache``);
        /// nil: compile every time. The CLI uses `$XDG_CACHE_HOME/keyward`.
        public var prefilterCacheDirectory: String?
        /// Limits applied to every regex match.
        var limits = PCRE2Matcher.Limits()
        /// Creates default options.
        public init() {}

        /// `$XDG_CACHE_HOME/keyward`, else `~/.cache/keyward`: the CLI's prefilter cache.
        public static var standardPrefilterCacheDirectory: String? { PrefilterCache.defaultDirectory() }
    }

    let rules: [CompiledRule]
    let prefilter: KeywordPrefilter
    let allowlist: CompiledAllowlist
    let options: Options
    /// Index of the `aws-secret-access-key` rule, which bare paired secrets are reported under.
    let pairedSecretRule: Int?
    let pairingCandidate: PCRE2Pattern
    /// Per prefilter pattern, the indices of the rules it locates.
    let rulesOfPattern: [[Int]]
    /// Rules without keywords: they run on every chunk.
    let unfilteredRules: [Int]
    /// Idle workers, guarded by `poolLock`. `nonisolated(unsafe)`: a worker (per-thread match data
    /// and scratch, not Sendable) moves between threads through the pool. Sound because one thread
    /// at a time has it: taken out under the lock, used only inside `withWorker`'s non-escaping
    /// `body` (no caller keeps it), put back under the lock, which orders the handover. A `Mutex`
    /// does not fit: no type says "body does not keep the worker", so the region checker refuses
    /// to let it back into the pool.
    nonisolated(unsafe) private var pool: [EngineWorker] = []
    private let poolLock = NSLock()

    /// Compiles `rules` (regexes JIT-compiled once) and the global allowlist.
    public init(rules: [Rule], allowlist: RuleAllowlist = RuleAllowlist(), options: Options = Options())
        throws(ScanError)
    {
        for rule in rules {
            for keyword in rule.keywords where !KeywordPrefilter.isUsable(keyword: keyword) {
                throw .invalidPattern(
                    origin: rule.origin, ruleID: rule.id,
                    message: "keyword '\(keyword)' must be at least two ASCII characters")
            }
        }
        let prefilter = KeywordPrefilter(
            rules: rules,
            cache: options.prefilterCacheDirectory.map { PrefilterCache(directory: $0) })
        var compiled: [CompiledRule] = []
        for (index, rule) in rules.enumerated() {
            compiled.append(try CompiledRule(rule, prefilterPatterns: prefilter.patternsOfRule[index]))
        }
        self.rules = compiled
        var rulesOfPattern = [[Int]](repeating: [], count: prefilter.patterns.count)
        for (index, rule) in compiled.enumerated() {
            for pattern in rule.prefilterPatterns where !rulesOfPattern[pattern].contains(index) {
                rulesOfPattern[pattern].append(index)
            }
        }
        self.rulesOfPattern = rulesOfPattern
        unfilteredRules = compiled.indices.filter { compiled[$0].prefilterPatterns.isEmpty }
        self.prefilter = prefilter
        self.allowlist = try CompiledAllowlist(allowlist, origin: "config", ruleID: "allowlist")
        self.options = options
        self.pairedSecretRule = compiled.firstIndex { $0.rule.aws == .secret }
        do {
            pairingCandidate = try PCRE2Pattern(#"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"#)
        } catch {
            preconditionFailure("built-in pairing pattern: \(error)")
        }
    }

    /// The rules this engine runs.
    public var ruleList: [Rule] { rules.map(\.rule) }

    /// Scans one in-memory document (a staged blob, a rule example, a decoded value). Binary
    /// content (a NUL byte in its first 8,000 bytes) is scanned as binary files are: only the
    /// `binary = true` rules run, and findings carry their byte offset.
    public func scan(content: [UInt8], path: String) -> ContentScanResult {
        withWorker { worker in
            content.withUnsafeBytes { bytes in
                worker.binaryContent = StreamScanner.isBinary(bytes)
                defer { worker.binaryContent = false }
                return worker.scanDocument(bytes, path: path)
            }
        }
    }

    func withWorker<T>(_ body: (EngineWorker) -> T) -> T {
        poolLock.lock()
        let worker = pool.popLast() ?? EngineWorker(engine: self)
        poolLock.unlock()
        defer {
            poolLock.lock()
            pool.append(worker)
            poolLock.unlock()
        }
        return body(worker)
    }
}

/// What scanning one document or file produced.
public struct ContentScanResult: Sendable {
    /// Findings, examples included (flagged), in document order.
    public var findings: [Finding] = []
    /// Rule errors (match limit…); the scan went on.
    public var issues: [ScanIssue] = []
    /// Matches dropped by an allowlist or inline comment.
    public var allowlisted = 0

    /// Creates an empty result.
    public init() {}

    mutating func append(_ other: ContentScanResult) {
        findings += other.findings
        issues += other.issues
        allowlisted += other.allowlisted
    }
}
