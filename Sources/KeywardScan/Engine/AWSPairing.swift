/// Pairs AWS secrets with access key IDs in one chunk.
///
/// 1. A bare 40-character string within ``ScanEngine/Options/pairingWindowLines`` lines of a key ID
///    that looks like a secret key is reported under the `aws-secret-access-key` rule.
/// 2. Every secret and session token found gets the nearest key ID as its `key_id`.
struct AWSPairing {
    let worker: EngineWorker
    let bytes: UnsafeRawBufferPointer
    let lines: LineIndex
    /// Where this chunk's reported secrets start (the rest is context).
    let owned: Range<Int>

    private var engine: ScanEngine { worker.engine }

    func pair(_ hits: inout [EngineWorker.Hit], allowlisted: inout Int) {
        let keyHits = hits.filter { engine.rules[$0.ruleIndex].rule.aws == .keyID }
        guard !keyHits.isEmpty else { return }
        if let secretRule = engine.pairedSecretRule {
            findBareSecrets(near: keyHits, rule: secretRule, into: &hits, allowlisted: &allowlisted)
        }
        let keyLines = keyHits.map { (line: lines.line(of: $0.range.lowerBound), id: $0.secret) }
        for index in hits.indices {
            let role = engine.rules[hits[index].ruleIndex].rule.aws
            guard role == .secret || role == .sessionToken else { continue }
            let line = lines.line(of: hits[index].range.lowerBound)
            var candidates = keyLines
            if role == .sessionToken, keyLines.contains(where: { $0.id.hasPrefix("ASIA") }) {
                candidates = keyLines.filter { $0.id.hasPrefix("ASIA") }
            }
            // Nearest by line; on a tie the key ID above wins (credentials list the ID first).
            let nearest = candidates.min { a, b in
                let da = abs(a.line - line)
                let db = abs(b.line - line)
                return da != db ? da < db : a.line < b.line
            }
            hits[index].keyID = nearest?.id
        }
    }

    private func findBareSecrets(
        near keyHits: [EngineWorker.Hit], rule: Int, into hits: inout [EngineWorker.Hit],
        allowlisted: inout Int
    ) {
        let window = engine.options.pairingWindowLines
        let reach = engine.options.pairingWindowBytes
        var ranges: [Range<Int>] = []
        for keyHit in keyHits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let line = lines.line(of: keyHit.range.lowerBound)
            // Lines around the key ID, but never far in bytes (minified files hold megabyte lines).
            let lower = max(lines.start(ofLine: max(0, line - window)), keyHit.range.lowerBound - reach)
            let upper = min(lines.end(ofLine: min(lines.lastLine, line + window)), keyHit.range.upperBound + reach)
            if let last = ranges.last, lower <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(upper, last.upperBound)
            } else {
                ranges.append(lower..<upper)
            }
        }
        let compiled = engine.rules[rule]
        for range in ranges {
            let subject = UnsafeRawBufferPointer(rebasing: bytes[0..<range.upperBound])
            var start = range.lowerBound
            while case .match(let match) = worker.matcher.firstMatch(engine.pairingCandidate, in: subject, from: start) {
                let candidate = match.whole
                start = candidate.upperBound
                guard owned.contains(candidate.lowerBound),
                    !hits.contains(where: { $0.range.overlaps(candidate) })
                else { continue }
                let secretBytes = UnsafeRawBufferPointer(rebasing: bytes[candidate])
                // A line that names the value a secret (`#define AWS_SECRET_ACCESS_KEY "…"`, no
                // separator for the rule's regex) vouches for it like a key name does.
                let named = Self.namesSecret(bytes, lines.start(ofLine: lines.line(of: candidate.lowerBound))..<candidate.lowerBound)
                guard AWSSecretShape.isPlausible(secretBytes, withoutKeyName: !named),
                    Entropy.shannon(secretBytes) >= compiled.rule.minEntropy
                else { continue }
                let secret = String(decoding: secretBytes, as: UTF8.self)
                if worker.isAllowlisted(secret, by: compiled) {
                    allowlisted += 1
                    continue
                }
                hits.append(EngineWorker.Hit(ruleIndex: rule, range: candidate, secret: secret))
            }
        }
    }

    /// Whether `bytes[range]` (the line before a candidate) holds the word `secret`, in any case.
    static func namesSecret(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        let word = Array("secret".utf8)
        guard range.count >= word.count else { return false }
        for start in range.lowerBound...(range.upperBound - word.count)
        where word.indices.allSatisfy({ bytes[start + $0] | 0x20 == word[$0] }) {
            return true
        }
        return false
    }
}
