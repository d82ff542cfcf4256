/// Runs every rule's own examples (must match) and negative examples (must not) through the full
/// engine, as `keyward rules test` and the test suite do.
public enum RuleTester {
    /// One example that did not behave.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The rule whose example failed.
        public var ruleID: String
        /// Where the rule is defined.
        public var origin: String
        /// The example text (rule examples are fake by construction).
        public var example: String
        /// True for an example that should have matched, false for a negative one that matched.
        public var expectedMatch: Bool

        /// One line: where, which rule, what went wrong.
        public var description: String {
            let what = expectedMatch ? "example did not match" : "negative example matched"
            let shown = example.count > 60 ? String(example.prefix(57)) + "..." : example
            return "\(origin): rule '\(ruleID)': \(what): \(shown.replacingOccurrences(of: "\n", with: "\\n"))"
        }
    }

    /// Tests each rule's examples; returns the failures and the number of examples run.
    public static func run(rules: [Rule]) throws(ScanError) -> (failures: [Failure], examples: Int) {
        let engine = try ScanEngine(rules: rules)
        var failures: [Failure] = []
        var count = 0
        for rule in rules {
            for (examples, expected) in [(rule.examples, true), (rule.negativeExamples, false)] {
                for example in examples {
                    count += 1
                    let result = engine.scan(content: Array(example.utf8), path: "example.txt")
                    let matched = result.findings.contains { $0.ruleID == rule.id }
                    if matched != expected {
                        failures.append(Failure(ruleID: rule.id, origin: rule.origin, example: example, expectedMatch: expected))
                    }
                }
            }
        }
        return (failures, count)
    }
}
