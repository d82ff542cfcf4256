/// Finds, in one Vectorscan pass, where each rule may match: the occurrences of its keywords, or,
/// for a rule with a keyword too short to be selective (two bytes: `sk`, `ac`, `q~`), the ends of
/// its regex's matches in Vectorscan's prefilter mode.
///
/// Why not every rule's regex: Vectorscan needs minutes to compile the pack's large bounded
/// repeats in prefilter mode, and a keyword of three bytes or more is already rare enough; a
/// two-byte keyword occurs every few hundred bytes of text and would send its rule's regex over
/// whole chunks. Rules run their PCRE2 regex only near those places (see ``SearchWindows``). When the prefilter
/// cannot answer (no database, no scratch, a scan error) every pattern counts as "dense", so every
/// rule scans the whole buffer: slower, never a missed key.
struct KeywordPrefilter: Sendable {
    /// The database's patterns; ``Occurrences`` are indexed like it.
    let patterns: [VectorscanDatabase.Pattern]
    /// Per rule, the indices of its patterns; empty: the rule runs everywhere.
    let patternsOfRule: [[Int]]
    /// Per ``InlineAllow/markers`` entry, the index of its pattern: a hit's line is checked for a
    /// marker by looking at where the pass saw one, not by searching the line (minified files'
    /// lines are megabytes long; four byte searches per hit were ~6 % of a directory scan).
    let inlineAllowPatterns: [Int]
    private let database: VectorscanDatabase?
    /// True when the database came from the on-disk cache (no compile).
    let loadedFromCache: Bool
    /// Whether Vectorscan can use `keyword`: at least two bytes, all ASCII (checked at rule load).
    static func isUsable(keyword: String) -> Bool {
        keyword.utf8.count >= 2 && keyword.allSatisfy(\.isASCII)
    }

    /// Past this many occurrences in one chunk, a pattern is "dense": its rules scan the whole chunk.
    static let occurrenceCap = 1 << 16
    /// Past this many occurrences in one chunk, a rule that may match across lines scans the whole
    /// chunk (its windows, 256 bytes before to `max_length` after each, would cover it anyway).
    static let windowCap = 2048

    /// Builds the database for `rules`, or loads it from `cache` when a valid copy is there.
    init(rules: [Rule], cache: PrefilterCache? = nil) {
        let built = Self.build(rules: rules, cache: cache)
        patterns = built.patterns
        patternsOfRule = built.ofRule
        inlineAllowPatterns = built.markers
        database = built.database
        loadedFromCache = built.fromCache
    }

    private static func build(
        rules: [Rule], cache: PrefilterCache?
    ) -> (patterns: [VectorscanDatabase.Pattern], ofRule: [[Int]], markers: [Int], database: VectorscanDatabase?,
          fromCache: Bool)
    {
        let path = cache?.path(for: cacheKey(rules: rules), platform: VectorscanDatabase.platformKey)
        var useRegex = rules.map(locatedByRegex)
        if let cache, let path, let stored = cache.load(path), stored.descriptor.count == rules.count {
            let (patterns, ofRule, markers) = layout(rules, useRegex: stored.descriptor.map { $0 == 1 })
            if let loaded = try? VectorscanDatabase(serialized: stored.database, patterns: patterns) {
                return (patterns, ofRule, markers, loaded, true)
            }
        }
        // Compile; a regex Vectorscan refuses falls back to its rule's keywords, and so on.
        while true {
            let (patterns, ofRule, markers) = layout(rules, useRegex: useRegex)
            do {
                let compiled = try VectorscanDatabase(patterns)
                if let cache, let path, let bytes = compiled.serialized() {
                    cache.store(descriptor: useRegex.map { $0 ? 1 : 0 }, database: bytes, at: path)
                }
                return (patterns, ofRule, markers, compiled, false)
            } catch {
                guard let index = error.patternIndex, index < patterns.count, case .prefilter = patterns[index],
                    let rule = ofRule.firstIndex(where: { $0.contains(index) })
                else {
                    // Cannot happen for ASCII keywords; every rule then runs everywhere.
                    return (patterns, ofRule, markers, nil, false)
                }
                useRegex[rule] = false
            }
        }
    }

    /// The database's patterns, each rule's share and the inline-allow markers' (after the rules'),
    /// keywords deduplicated across rules.
    private static func layout(
        _ rules: [Rule], useRegex: [Bool]
    ) -> ([VectorscanDatabase.Pattern], [[Int]], [Int]) {
        var patterns: [VectorscanDatabase.Pattern] = []
        var index: [VectorscanDatabase.Pattern: Int] = [:]
        func slot(_ pattern: VectorscanDatabase.Pattern) -> Int {
            if let existing = index[pattern] { return existing }
            patterns.append(pattern)
            index[pattern] = patterns.count - 1
            return patterns.count - 1
        }
        let ofRule = rules.indices.map { i -> [Int] in
            let rule = rules[i]
            if useRegex[i] { return [slot(.prefilter(regex: rule.regex, maxLength: rule.maxLength))] }
            return rule.keywords.map { slot(.caselessLiteral(Array($0.lowercased().utf8))) }
        }
        let markers = InlineAllow.markers.map { slot(.caselessLiteral($0)) }  // lower case already
        return (patterns, ofRule, markers)
    }

    /// Whether a rule is located by its regex in prefilter mode rather than by its keywords.
    static func locatedByRegex(_ rule: Rule) -> Bool {
        rule.keywords.contains { $0.utf8.count < 3 }
    }

    /// Everything the database depends on besides the platform.
    private static func cacheKey(rules: [Rule]) -> [[UInt8]] {
        [Array("short-keywords-by-regex".utf8)]
            + [Array("inline-allow-markers".utf8)] + InlineAllow.markers
            + rules.map { Array("\($0.regex.utf8.count):\($0.regex)\u{0}\($0.maxLength)\u{0}".utf8) + Array($0.keywords.joined(separator: "\u{0}").utf8) }
    }

    /// Scratch space for one thread (nil when there is no database: then every rule runs everywhere).
    func makeScratch() -> VectorscanScratch? {
        try? database?.makeScratch()
    }

    /// The index of the caseless literal `secret` (a keyword of the default pack), nil when no
    /// rule has that keyword: where it did not occur, neither does a Kubernetes `kind: Secret`.
    var secretWordPattern: Int? {
        patterns.firstIndex(of: .caselessLiteral(Array("secret".utf8)))
    }

    /// Where each pattern matched in one chunk.
    struct Occurrences {
        /// Anchor offsets per pattern (at most ``KeywordPrefilter/occurrenceCap``): where a keyword
        /// starts, or `max_length` before a prefilter match's end.
        var positions: [[Int]]
        /// Patterns seen more than the cap: their rules scan the whole chunk.
        var dense: [Bool]
        /// The patterns that occurred at least once (every pattern when the prefilter could not
        /// answer): only their rules need to run.
        var seen: [Int]
    }

    /// Storage for ``find(in:scratch:into:)``, kept by each thread from chunk to chunk (two arrays
    /// of one entry per pattern, made per chunk, were ~2 % of a directory scan).
    func emptyOccurrences() -> Occurrences {
        Occurrences(
            positions: [[Int]](repeating: [], count: patterns.count),
            dense: [Bool](repeating: false, count: patterns.count), seen: [])
    }

    /// Replaces `found` (made by ``emptyOccurrences()``) with the occurrences of each pattern in
    /// `buffer`, found with this thread's `scratch`.
    func find(in buffer: UnsafeRawBufferPointer, scratch: VectorscanScratch?, into found: inout Occurrences) {
        found.reset()
        guard let database, let scratch else {
            found.setEverywhere()
            return
        }
        let cap = Self.occurrenceCap
        let complete = database.scan(buffer, scratch: scratch) { index, anchor in
            guard !found.dense[index] else { return true }
            if found.positions[index].isEmpty { found.seen.append(index) }
            if found.positions[index].count >= cap {
                found.dense[index] = true
                found.positions[index] = []
            } else {
                found.positions[index].append(anchor)
            }
            return true
        }
        if !complete {
            found.reset()
            found.setEverywhere()
        }
    }
}

extension KeywordPrefilter.Occurrences {
    /// Whether `pattern` may occur in the chunk (true when there is no such pattern to ask).
    func mayContain(_ pattern: Int?) -> Bool {
        guard let pattern else { return true }
        return dense[pattern] || !positions[pattern].isEmpty
    }

    /// Back to "nothing found", keeping small position arrays' storage.
    fileprivate mutating func reset() {
        for index in seen {
            if positions[index].capacity > 4096 {
                positions[index] = []
            } else {
                positions[index].removeAll(keepingCapacity: true)
            }
        }
        seen.removeAll(keepingCapacity: true)
        if dense.contains(true) {
            for index in dense.indices { dense[index] = false }
        }
    }

    /// The prefilter cannot answer: every pattern counts as dense, so every rule scans the chunk.
    fileprivate mutating func setEverywhere() {
        for index in dense.indices { dense[index] = true }
        seen = Array(dense.indices)
    }
}
