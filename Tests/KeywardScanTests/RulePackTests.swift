import Foundation
import Testing
@testable import KeywardScan

@Suite struct RulePackTests {
    static let rules = RuleLoader.defaultRules()

    @Test(arguments: RulePackTests.rules.map(\.id))
    func ruleExamplesBehave(ruleID: String) throws {
        let rule = try #require(Self.rules.first { $0.id == ruleID })
        #expect(!rule.examples.isEmpty, "every rule carries examples")
        let engine = try ScanSetupHelpers.fullEngine()
        for example in rule.examples {
            let found = engine.scan(content: Array(example.utf8), path: "example.txt").findings
            #expect(found.contains { $0.ruleID == ruleID }, "example should match: \(example.prefix(60))")
        }
        for example in rule.negativeExamples {
            let found = engine.scan(content: Array(example.utf8), path: "example.txt").findings
            #expect(!found.contains { $0.ruleID == ruleID }, "negative should not match: \(example.prefix(60))")
        }
    }

    /// The pack is decoded at build time (scripts/embed-rules.py): the embedded rules must equal what
    /// the TOML loader reads from rules/ now, field by field and origin (file:line) included.
    @Test func embeddedPackMatchesRulesDirectory() throws {
        let directory = ScanTestSupport.repoRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        #expect(DefaultRulePack.files.map(\.name) == names, "run `make rules`")
        let embedded = RuleLoader.defaultRules()
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let decoded = try RuleLoader.rules(fromTOML: text, path: "rules/" + name)
            let mine = embedded.filter { $0.origin.hasPrefix("rules/\(name):") }
            #expect(mine.map(\.id) == decoded.map(\.id), "\(name) drifted: run `make rules`")
            for (rule, expected) in zip(mine, decoded) {
                #expect(rule == expected, "\(name): rule '\(expected.id)' drifted: run `make rules`")
            }
        }
        #expect(embedded.count == (try RuleLoader.rules(atPath: directory.path)).count)
    }

    @Test func packCoversRequiredProviders() {
        let ids = Set(Self.rules.map(\.id))
        for required in ["aws-access-key-id", "aws-secret-access-key", "aws-session-token"] {
            #expect(ids.contains(required))
        }
        #expect(Set(Self.rules.map(\.id)).count == Self.rules.count, "rule ids are unique")
    }

    @Test func malformedRuleFileNamesFileAndLine() {
        let text = "[[rules]]\nid = \"x\"\ndescription = \"d\"\nseverity = \"high\"\nregex = '''(unclosed'''\n"
        #expect(throws: ScanError.self) { _ = try ScanEngine(rules: try RuleLoader.rules(fromTOML: text, path: "r.toml")) }
        do {
            _ = try RuleLoader.rules(fromTOML: "[[rules]]\nid = \"x\"\nseverity = \"high\"\nregex = 'a'\n", path: "r.toml")
            Issue.record("missing description accepted")
        } catch {
            #expect(error.description.hasPrefix("r.toml:1: missing required key 'description'"))
        }
        do {
            _ = try RuleLoader.rules(fromTOML: "[[rules]]\nid = \"x\"\n  bogus line\n", path: "r.toml")
            Issue.record("broken TOML accepted")
        } catch {
            #expect(error.description.hasPrefix("r.toml:3:"))
        }
        do {
            let text = "[[rules]]\nid = \"a\"\ndescription = \"d\"\nseverity = \"high\"\nregex = 'a'\n\n[[rules]]\nid = \"b\"\ndescription = \"d\"\nseverity = \"huge\"\nregex = 'b'\n"
            _ = try RuleLoader.rules(fromTOML: text, path: "r.toml")
            Issue.record("bad severity accepted")
        } catch {
            #expect(error.description.hasPrefix("r.toml:7: rule 'b': severity"))
        }
    }
}

extension RulePackTests {
    /// A keyword the prefilter cannot use (one byte, non-ASCII) is an error at load, never a silent no-op.
    @Test(arguments: ["k", "", "clé", "ключ"])
    func unusableKeywordIsRejectedWithFileAndLine(keyword: String) {
        let text = "# pack\n[[rules]]\nid = \"x\"\ndescription = \"d\"\nseverity = \"high\"\nregex = 'k[0-9]+'\n"
            + "keywords = [\"ok\", \"\(keyword)\"]\n"
        do {
            _ = try RuleLoader.rules(fromTOML: text, path: "r.toml")
            Issue.record("keyword '\(keyword)' accepted")
        } catch {
            #expect(error.description.hasPrefix("r.toml:2: rule 'x': keyword"))
        }
    }

    @Test func twoByteASCIIKeywordIsAccepted() throws {
        let text = "[[rules]]\nid = \"x\"\ndescription = \"d\"\nseverity = \"high\"\nregex = 'k[0-9]+'\nkeywords = [\"K9\"]\n"
        let rules = try RuleLoader.rules(fromTOML: text, path: "r.toml")
        let found = try ScanEngine(rules: rules).scan(content: Array("x k9 y".utf8), path: "a").findings
        #expect(found.map(\.ruleID) == ["x"])
    }
}

enum ScanSetupHelpers {
    static func fullEngine() throws -> ScanEngine { try ScanTestSupport.engine() }
}
