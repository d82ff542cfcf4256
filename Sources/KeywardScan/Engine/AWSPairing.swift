/// Pairs AWS secrets with access key IDs in one chunk.
///
/// 1. A bare 40-character string within ``ScanEngine/Options/pairingWindowLines`` lines of a key ID
///    that looks like a secret key is reported under the `aws-secret-access-key` rule.
/// 2. A key ID that has no secret that close gets one from farther away
///    (``ScanEngine/Options/pairingFarWindowLines``), but only when exactly one candidate lies in
///    that reach: a README that gives the ID, then paragraphs, then the secret. Several candidates
///    (a list of digests, a table of tokens) compete, and none is taken.
/// 3. Every secret and session token found gets the nearest key ID as its `key_id`.
///
/// A candidate assigned to a setting whose name says it belongs to something else
/// (`SharedSecret`, `webhook_secret`, `client_secret`…, see ``AWSSecretShape/isOtherSecretName``)
/// is never paired.
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
            findFarSecrets(for: keyHits, rule: secretRule, into: &hits)
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

    /// Byte range of the lines within `window` of `keyHit`, never more than `reach` bytes away
    /// (minified files hold megabyte lines).
    private func range(around keyHit: EngineWorker.Hit, lines window: Int, bytes reach: Int) -> Range<Int> {
        let line = lines.line(of: keyHit.range.lowerBound)
        let lower = max(lines.start(ofLine: max(0, line - window)), keyHit.range.lowerBound - reach)
        let upper = min(lines.end(ofLine: min(lines.lastLine, line + window)), keyHit.range.upperBound + reach)
        return lower..<max(lower, upper)
    }

    private func findBareSecrets(
        near keyHits: [EngineWorker.Hit], rule: Int, into hits: inout [EngineWorker.Hit],
        allowlisted: inout Int
    ) {
        var ranges: [Range<Int>] = []
        for keyHit in keyHits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let around = range(
                around: keyHit, lines: engine.options.pairingWindowLines, bytes: engine.options.pairingWindowBytes)
            if let last = ranges.last, around.lowerBound <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(around.upperBound, last.upperBound)
            } else {
                ranges.append(around)
            }
        }
        for range in ranges {
            let found = candidates(in: range, rule: rule, avoiding: hits)
            allowlisted += found.allowlisted
            hits += found.hits
        }
    }

    /// Step 2: a key ID with no secret near it takes the one candidate in its far reach.
    private func findFarSecrets(for keyHits: [EngineWorker.Hit], rule: Int, into hits: inout [EngineWorker.Hit]) {
        let options = engine.options
        guard options.pairingFarWindowLines > options.pairingWindowLines else { return }
        for keyHit in keyHits {
            let near = range(around: keyHit, lines: options.pairingWindowLines, bytes: options.pairingWindowBytes)
            let paired = hits.contains { hit in
                engine.rules[hit.ruleIndex].rule.aws == .secret && near.overlaps(hit.range)
            }
            guard !paired else { continue }
            let far = range(around: keyHit, lines: options.pairingFarWindowLines, bytes: options.pairingFarWindowBytes)
            // Not on the key ID's own line: a secret more than pairingWindowBytes along one line is
            // minified code, not a document.
            let keyLine = lines.line(of: keyHit.range.lowerBound)
            let found = candidates(in: far, rule: rule, avoiding: hits, owningOnly: false)
            // `candidates` already left out what `hits` covers. Its allowlist count is not added:
            // the near step counted the near window's, and the far window reaches into other chunks.
            guard found.hits.count == 1, let only = found.hits.first, owned.contains(only.range.lowerBound),
                lines.line(of: only.range.lowerBound) != keyLine
            else { continue }
            hits.append(only)
        }
    }

    /// Plausible AWS secrets in `range` that no other hit covers.
    private func candidates(
        in range: Range<Int>, rule: Int, avoiding hits: [EngineWorker.Hit], owningOnly: Bool = true
    ) -> (hits: [EngineWorker.Hit], allowlisted: Int) {
        let compiled = engine.rules[rule]
        var found: [EngineWorker.Hit] = []
        var allowlisted = 0
        let subject = UnsafeRawBufferPointer(rebasing: bytes[0..<range.upperBound])
        var start = range.lowerBound
        while case .match(let match) = worker.matcher.firstMatch(engine.pairingCandidate, in: subject, from: start) {
            let candidate = match.whole
            start = candidate.upperBound
            guard !owningOnly || owned.contains(candidate.lowerBound),
                !hits.contains(where: { $0.range.overlaps(candidate) })
            else { continue }
            let secretBytes = UnsafeRawBufferPointer(rebasing: bytes[candidate])
            guard Entropy.shannon(secretBytes) >= compiled.rule.minEntropy,
                AWSSecretShape.isPlausible(secretBytes)
                    || (AWSSecretShape.isPlausible(secretBytes, withoutKeyName: false)
                        && namesSecret(before: candidate.lowerBound)),
                !AWSSecretShape.isOtherSecretName(settingBefore: candidate.lowerBound, in: bytes)
            else { continue }
            let secret = String(decoding: secretBytes, as: UTF8.self)
            if worker.isAllowlisted(secret, by: compiled) {
                allowlisted += 1
                continue
            }
            found.append(EngineWorker.Hit(ruleIndex: rule, range: candidate, secret: secret))
        }
        return (found, allowlisted)
    }

    /// Whether the line before `offset` names the value a secret (`#define AWS_SECRET_ACCESS_KEY "…"`,
    /// no separator for the rule's regex), which vouches for it like a key name does. Only the
    /// `namingReach` bytes before the value are read: a minified line can be megabytes long.
    private func namesSecret(before offset: Int) -> Bool {
        let lineStart = lines.start(ofLine: lines.line(of: offset))
        return Self.namesSecret(bytes, max(lineStart, offset - Self.namingReach)..<offset)
    }

    /// How far before a value `namesSecret(before:)` looks for the word `secret`.
    static let namingReach = 128

    /// Whether `bytes[range]` holds the word `secret`, in any case.
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
