import Foundation
import Testing
@testable import KeywardScan

@Suite struct ConfigAndBaselineTests {
    typealias S = ScanTestSupport

    @Test func configDisablesRulesAllowsPathsAndAddsRules() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("""
            disabled_rules = ["aws-secret-access-key"]
            [allowlist]
            paths = ['''^vendor/''']
            [[rules]]
            id = "acme-token"
            description = "ACME internal token"
            severity = "medium"
            regex = '''acme_([a-z0-9]{16})'''
            secret_group = 1
            keywords = ["acme_"]
            examples = ["acme_k3j9x8v7b6n5m4q2"]
            """, to: ".keyward.toml", in: root)
        try S.write("AWS_ACCESS_KEY_ID=\(S.keyID)\nAWS_SECRET_ACCESS_KEY=\(S.secret)\n", to: "app.env", in: root)
        try S.write("x = \(S.otherKeyID)\n", to: "vendor/lib.env", in: root)
        try S.write("token = acme_k3j9x8v7b6n5m4q2\n", to: "tool.cfg", in: root)
        let report = try S.scanTree(root)
        #expect(report.findings.map(\.ruleID).sorted() == ["acme-token", "aws-access-key-id"])
        #expect(report.skipped.contains { $0.path == "vendor" && $0.reason == "allowlisted path" })
        #expect(report.skipped.contains { $0.path == ".keyward.toml" && $0.reason.hasPrefix("keyward config") })
    }

    @Test func malformedConfigIsOneLineErrorWithFileAndLine() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("disabled_rules = [\"a\"]\n[allowlist]\npaths = 42\n", to: ".keyward.toml", in: root)
        var setup = ScanSetup()
        setup.root = root.path
        #expect {
            _ = try setup.load()
        } throws: { error in
            let text = "\(error)"
            return text.contains(".keyward.toml:3:") && !text.contains("\n")
        }
        try S.write("[allowlist]\nunknown_key = 1\n", to: ".keyward.toml", in: root)
        #expect { _ = try setup.load() } throws: { "\($0)".contains(".keyward.toml:2: unknown key 'unknown_key'") }
    }

    @Test func baselineRoundTripSurvivesMovedLines() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("AWS_ACCESS_KEY_ID=\(S.keyID)\n", to: "app.env", in: root)
        let first = try S.scanTree(root)
        #expect(first.findings.count == 1)
        let baselineURL = root.appendingPathComponent("baseline.json")
        try Baseline(findings: first.findings).encoded().write(to: baselineURL)
        let stored = try String(contentsOf: baselineURL, encoding: .utf8)
        #expect(!stored.contains(S.keyID), "baselines store fingerprints, never secrets")

        try S.write("# moved\n\n\nAWS_ACCESS_KEY_ID=\(S.keyID)\nOTHER=\(S.otherKeyID)\n", to: "app.env", in: root)
        var setup = ScanSetup()
        setup.baselinePath = baselineURL.path
        let second = try S.scanTree(root, setup: setup)
        #expect(second.findings.map(\.secret) == [S.otherKeyID])
        #expect(second.suppressedByBaseline == 1)

        try S.write("{ not json", to: "bad.json", in: root)
        #expect(throws: ScanError.self) { _ = try Baseline.load(path: root.appendingPathComponent("bad.json").path) }
    }
}
