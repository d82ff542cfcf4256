/// A rule ready to run: its pattern compiled and JIT-compiled once, its allowlist compiled.
struct CompiledRule: Sendable {
    let rule: Rule
    let pattern: PCRE2Pattern
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
        guard rule.secretGroup <= pattern.captureCount else {
            throw .invalidPattern(
                origin: rule.origin, ruleID: rule.id,
                message: "secret_group \(rule.secretGroup) but the regex has \(pattern.captureCount) groups")
        }
        allowlist = try CompiledAllowlist(rule.allowlist, origin: rule.origin, ruleID: rule.id)
        keywordIndices = rule.keywords.map(keywordIndex)
    }
}
