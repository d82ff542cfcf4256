import Foundation

/// One thread's scanner: runs every rule over a chunk of bytes and turns matches into findings.
final class EngineWorker {
    /// A match that passed the rule's checks, in chunk offsets.
    struct Hit {
        var ruleIndex: Int
        var range: Range<Int>
        var secret: String
        var keyID: String?
    }

    /// Unowned: the engine keeps its idle workers in a pool, so a strong reference here was a
    /// cycle that leaked every engine (found by the FuzzRulePack fuzzer). Workers never outlive
    /// the engine's `withWorker` call.
    unowned let engine: ScanEngine
    let matcher: PCRE2Matcher
    /// This thread's Vectorscan scratch space.
    let scratch: VectorscanScratch?
    /// The bytes being scanned are binary (a NUL byte in the head): only `binary = true` rules run,
    /// and findings carry their byte offset. Set per file by the file scanner.
    var binaryContent = false
    /// Per rule: whether it runs on the chunk being scanned (reused from chunk to chunk).
    private var ruleRuns: [Bool]
    /// The prefilter's answer for the last chunk scanned (its storage reused from chunk to chunk).
    private var occurrences: KeywordPrefilter.Occurrences
    /// The prefilter's pattern for the word `secret`, if any (see ``scanDocument(_:path:)``).
    private let secretWordPattern: Int?

    init(engine: ScanEngine) {
        self.engine = engine
        self.matcher = PCRE2Matcher(limits: engine.options.limits)
        self.scratch = engine.prefilter.makeScratch()
        self.ruleRuns = [Bool](repeating: false, count: engine.rules.count)
        self.occurrences = engine.prefilter.emptyOccurrences()
        self.secretWordPattern = engine.prefilter.secretWordPattern
    }

    /// Scans a whole document, then the decoded base64 values of a Kubernetes Secret manifest.
    func scanDocument(_ bytes: UnsafeRawBufferPointer, path: String) -> ContentScanResult {
        var result = scanChunk(bytes, path: path, owned: 0..<bytes.count, position: ChunkPosition())
        // A manifest says `Secret`; where the prefilter saw no `secret` in any case, the byte
        // search for it is skipped (it was ~3 % of a directory scan, over JSON files).
        if engine.options.decodeBase64Secrets, occurrences.mayContain(secretWordPattern),
            Base64Expander.applies(path: path, bytes: bytes)
        {
            result.append(Base64Expander.scanDecoded(bytes, path: path, worker: self))
        }
        return result
    }

    /// Scans one chunk and reports the secrets that start in `owned`; the bytes around it are
    /// context that neighbouring chunks own (a key ID there still pairs with a secret here).
    func scanChunk(
        _ bytes: UnsafeRawBufferPointer, path: String, owned: Range<Int>, position: ChunkPosition
    ) -> ContentScanResult {
        var result = ContentScanResult()
        engine.prefilter.find(in: bytes, scratch: scratch, into: &occurrences)
        let found = occurrences
        var hits: [Hit] = []
        let rules = engine.rules
        let markerPatterns = engine.prefilter.inlineAllowPatterns
        for index in runningRules(found) {
            let compiled = rules[index]
            if binaryContent && !compiled.rule.binary { continue }
            guard let windows = searchWindows(for: compiled, found: found, bytes: bytes) else { continue }
            if !compiled.allowlist.paths.isEmpty, compiled.allowlist.allows(path: path, matcher: matcher) {
                continue
            }
            collect(compiled, index: index, windows: windows, bytes: bytes, owned: owned,
                    path: path, into: &hits, result: &result)
        }
        guard !hits.isEmpty else { return result }
        let lines = LineIndex(bytes)
        AWSPairing(worker: self, bytes: bytes, lines: lines, owned: owned)
            .pair(&hits, allowlisted: &result.allowlisted)
        dropShadowedGenericHits(&hits)
        for hit in hits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where owned.contains(hit.range.lowerBound) {
            let startLine = lines.line(of: hit.range.lowerBound)
            let lineRange = lines.start(ofLine: startLine)..<lines.end(ofLine: startLine)
            if InlineAllow.isAllowed(bytes, line: lineRange, found: found, patterns: markerPatterns) {
                result.allowlisted += 1
                continue
            }
            let rule = engine.rules[hit.ruleIndex].rule
            let lastByte = max(hit.range.lowerBound, hit.range.upperBound - 1)
            let endLine = lines.line(of: lastByte)
            func column(_ offset: Int, _ line: Int) -> Int {
                line == 0 ? position.column + offset + 1 : offset - lines.start(ofLine: line) + 1
            }
            result.findings.append(
                Finding(
                    ruleID: rule.id, description: rule.description, severity: rule.severity, path: path,
                    line: position.line + startLine, column: column(hit.range.lowerBound, startLine),
                    endLine: position.line + endLine, endColumn: column(lastByte, endLine) + 1,
                    secret: hit.secret,
                    keyID: rule.aws == .keyID ? hit.secret : hit.keyID,
                    isExample: Self.isDocumentationExample(hit),
                    byteOffset: binaryContent ? position.offset + hit.range.lowerBound : nil))
        }
        return result
    }

    /// AWS documentation values (`AKIAIOSFODNN7EXAMPLE`, `…EXAMPLEKEY`, example session tokens) and
    /// secrets paired with such a key ID.
    static func isDocumentationExample(_ hit: Hit) -> Bool {
        hit.secret.contains("EXAMPLE") || (hit.keyID?.hasSuffix("EXAMPLE") ?? false)
    }

    /// The rules whose keywords occurred, and those without keywords, in rule order.
    private func runningRules(_ found: KeywordPrefilter.Occurrences) -> [Int] {
        var count = 0
        for index in engine.unfilteredRules where !ruleRuns[index] {
            ruleRuns[index] = true
            count += 1
        }
        for pattern in found.seen {
            for index in engine.rulesOfPattern[pattern] where !ruleRuns[index] {
                ruleRuns[index] = true
                count += 1
            }
        }
        guard count > 0 else { return [] }
        var running: [Int] = []
        running.reserveCapacity(count)
        for index in ruleRuns.indices where ruleRuns[index] {
            running.append(index)
            ruleRuns[index] = false
        }
        return running
    }

    /// Byte ranges to run the rule over: near its keywords, or everywhere; nil when it cannot match.
    private func searchWindows(
        for compiled: CompiledRule, found: KeywordPrefilter.Occurrences, bytes: UnsafeRawBufferPointer
    ) -> [Range<Int>]? {
        let patterns = compiled.prefilterPatterns
        // Windows of a multi-line rule around that many occurrences cover the chunk anyway; a
        // single-line rule's windows are lines, worth finding up to the prefilter's cap.
        let cap = compiled.singleLine ? KeywordPrefilter.occurrenceCap : KeywordPrefilter.windowCap
        if patterns.isEmpty || patterns.contains(where: { found.dense[$0] || found.positions[$0].count > cap }) {
            return [0..<bytes.count]
        }
        var positions: [Int]
        if patterns.count == 1 {
            positions = found.positions[patterns[0]]
        } else {
            positions = []
            for index in patterns { positions += found.positions[index] }
        }
        guard !positions.isEmpty else { return nil }
        return SearchWindows.around(
            positions, maxLength: compiled.maxLength, singleLine: compiled.singleLine, in: bytes)
    }

    private func collect(
        _ compiled: CompiledRule, index: Int, windows: [Range<Int>], bytes: UnsafeRawBufferPointer,
        owned: Range<Int>, path: String, into hits: inout [Hit], result: inout ContentScanResult
    ) {
        let pattern = binaryContent ? compiled.binaryPattern ?? compiled.pattern : compiled.pattern
        for window in windows {
            let subject = UnsafeRawBufferPointer(rebasing: bytes[0..<window.upperBound])
            var start = window.lowerBound
            while start <= subject.count {
                switch matcher.firstMatch(pattern, in: subject, from: start) {
                case .noMatch:
                    start = Int.max
                case .limitExceeded:
                    result.issues.append(
                        ScanIssue(ruleID: compiled.rule.id, path: path,
                                  message: "regex match limit exceeded; rule skipped for the rest of this file"))
                    return
                case .failed(let message):
                    result.issues.append(ScanIssue(ruleID: compiled.rule.id, path: path, message: message))
                    return
                case .match(let match):
                    let whole = match.whole
                    start = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                    let group = compiled.secretGroup < match.groups.count ? match.groups[compiled.secretGroup] : nil
                    // Hits outside `owned` are kept as context (pairing, shadowing), never reported here.
                    guard let range = group, !range.isEmpty else { continue }
                    let secretBytes = UnsafeRawBufferPointer(rebasing: bytes[range])
                    if compiled.minEntropy > 0, Entropy.shannon(secretBytes) < compiled.minEntropy { continue }
                    if compiled.aws == .secret, !AWSSecretShape.isPlausible(secretBytes, withoutKeyName: false) { continue }
                    let secret = String(decoding: secretBytes, as: UTF8.self)
                    if isAllowlisted(secret, by: compiled) {
                        if owned.contains(range.lowerBound) { result.allowlisted += 1 }
                        continue
                    }
                    hits.append(Hit(ruleIndex: index, range: range, secret: secret))
                }
            }
        }
    }

    func isAllowlisted(_ secret: String, by compiled: CompiledRule) -> Bool {
        compiled.allowlist.allows(secret: secret, matcher: matcher)
            || engine.allowlist.allows(secret: secret, matcher: matcher)
    }

    /// A generic rule's hit that overlaps a specific rule's hit is the same secret: keep the specific one.
    private func dropShadowedGenericHits(_ hits: inout [Hit]) {
        let isGeneric = { (hit: Hit) in self.engine.rules[hit.ruleIndex].isGeneric }
        let specific = hits.filter { !isGeneric($0) }
        hits.removeAll { hit in
            isGeneric(hit) && specific.contains { $0.range.overlaps(hit.range) }
        }
        var seen = Set<String>()
        hits.removeAll { !seen.insert("\($0.ruleIndex):\($0.range)").inserted }
    }
}
