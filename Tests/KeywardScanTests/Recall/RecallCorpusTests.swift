import Foundation
import Testing
@testable import KeywardScan

/// Recall on cases taken from other scanners' test suites (fixtures/recall), with the default pack.
@Suite struct RecallCorpusTests {
    typealias S = ScanTestSupport
    static let cases = (try? RecallCase.all()) ?? []

    /// Findings a user sees (AWS documentation examples are counted, not shown).
    static func findings(_ recallCase: RecallCase, engine: ScanEngine) -> [Finding] {
        engine.scan(content: Array(recallCase.body.utf8), path: recallCase.path).findings.filter { !$0.isExample }
    }

    @Test func corpusHasPositivesAndNegativesInEveryClassWithSources() throws {
        #expect(Self.cases.count >= 150)
        let classes = Set(Self.cases.map(\.caseClass))
        #expect(classes.isSuperset(of: [
            "aws", "azure-storage", "azure-entra", "azure-sas", "azure-devops", "gitlab", "private-keys",
            "heroku", "stripe", "twilio", "google", "url-credentials",
        ]))
        for caseClass in classes {
            let inClass = Self.cases.filter { $0.caseClass == caseClass }
            #expect(inClass.contains { if case .found = $0.expectation { true } else { false } }, "\(caseClass)")
            #expect(inClass.contains { if case .found = $0.expectation { false } else { true } }, "\(caseClass)")
        }
        #expect(Self.cases.allSatisfy { !$0.source.isEmpty && !$0.body.isEmpty })
        #expect(Set(Self.cases.map(\.description)).count == Self.cases.count, "case ids are unique")
    }

    @Test func everyExpectedRuleIsInThePack() throws {
        let ids = Set(RuleLoader.defaultRules().map(\.id))
        for recallCase in Self.cases {
            switch recallCase.expectation {
            case .found(let id), .not(let id): #expect(ids.contains(id), "\(recallCase): unknown rule \(id)")
            case .nothing: break
            }
        }
    }

    @Test func everyPositiveIsFoundByItsRuleAndNoNegativeIsReported() throws {
        let engine = try S.engine()
        var missed: [String] = []
        for recallCase in Self.cases {
            let rules = Set(Self.findings(recallCase, engine: engine).map(\.ruleID))
            switch recallCase.expectation {
            case .found(let id) where !rules.contains(id):
                missed.append("\(recallCase) missed (expected \(id), got \(rules.sorted()))")
            case .nothing where !rules.isEmpty:
                missed.append("\(recallCase) reported \(rules.sorted())")
            case .not(let id) where rules.contains(id):
                missed.append("\(recallCase) reported \(id)")
            default: break
            }
        }
        let report = missed.joined(separator: "\n")
        #expect(missed.isEmpty, "\(missed.count) of \(Self.cases.count) cases:\n\(report)")
    }

    @Test func parserReadsHeadersExpectationsAndBodies() {
        let text = """
            ### a | rule-x | f.env | upstream/repo path (TP 1)
            X=1

            ### b | none | README.md | upstream/repo path (FP 1)
            ### not a header line
            ### c | not:rule-y | f.txt | upstream
            """
        let cases = RecallCase.parse(text, caseClass: "k")
        #expect(cases.map(\.id) == ["a", "b", "c"])
        #expect(cases.map(\.expectation) == [.found(ruleID: "rule-x"), .nothing, .not(ruleID: "rule-y")])
        #expect(cases[0].body == "X=1\n")
        #expect(cases[1].body == "### not a header line\n")
        #expect(cases[0].path == "k/a/f.env")
    }
}
