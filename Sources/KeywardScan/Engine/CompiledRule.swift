/// A rule ready to run: its pattern compiled once (JIT on first use), its allowlist compiled.
///
/// A class so that the scan loop passes one reference, not a copy of the whole ``Rule``.
final class CompiledRule: Sendable {
    let rule: Rule
    let pattern: PCRE2Pattern
    /// `binary_regex`, compiled, when the rule has one (used on binary data).
    let binaryPattern: PCRE2Pattern?
    let allowlist: CompiledAllowlist
    /// Indices into the prefilter's patterns; empty means the rule always runs.
    let prefilterPatterns: [Int]
    /// Hot fields of ``rule``, read once per match.
    let maxLength: Int
    let singleLine: Bool
    let secretGroup: Int
    let minEntropy: Double
    let aws: Rule.AWSRole?
    let isGeneric: Bool

    init(_ rule: Rule, prefilterPatterns: [Int]) throws(ScanError) {
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
        self.prefilterPatterns = prefilterPatterns
        maxLength = rule.maxLength
        singleLine = rule.singleLine
        secretGroup = rule.secretGroup
        minEntropy = rule.minEntropy
        aws = rule.aws
        isGeneric = rule.id.hasPrefix("generic")
    }
}
