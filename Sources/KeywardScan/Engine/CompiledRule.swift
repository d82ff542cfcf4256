/// A rule ready to run: its pattern compiled and JIT-compiled once, its allowlist compiled.
struct CompiledRule: Sendable {
    let rule: Rule
    let pattern: PCRE2Pattern
    /// `binary_regex`, compiled, when the rule has one (used on binary data).
    let binaryPattern: PCRE2Pattern?
    let allowlist: CompiledAllowlist
    /// Indices into the engine's keyword table; empty means the rule always runs.
    let keywordIndices: [Int]

    init(_ rule: Rule, keywordIndex: (String) -> Int) throws(ScanError) {
        self.rule = rule
        do {
            pattern = try PCRE2Pattern(rule.regex)
        } catch {
            throw .invalidPattern(origin: rule.origin, ruleID: rule.id, message: error.description)
        }
        if let source = rule.binaryRegex {
            do {
                binaryPattern = try PCRE2Pattern(source)
            } catch {
                throw .invalidPattern(origin: rule.origin, ruleID: rule.id, message: "binary_regex: " + error.description)
            }
        } else {
            binaryPattern = nil
        }
        guard rule.secretGroup <= min(pattern.captureCount, binaryPattern?.captureCount ?? Int.max) else {
            throw .invalidPattern(
                origin: rule.origin, ruleID: rule.id,
                message: "secret_group \(rule.secretGroup) but the regex has \(pattern.captureCount) groups")
        }
        allowlist = try CompiledAllowlist(rule.allowlist, origin: rule.origin, ruleID: rule.id)
        keywordIndices = rule.keywords.map(keywordIndex)
    }
}
