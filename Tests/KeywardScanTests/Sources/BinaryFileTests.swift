import Foundation
import Testing

@testable import KeywardScan

@Suite struct BinaryFileTests {
    typealias S = ScanTestSupport

    @Test func keyIDsInCompiledPycAndSQLiteFilesAreFoundWithOffsets() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("binaries", in: root)
        let report = try S.scanTree(root)
        #expect(report.paths(of: "aws-access-key-id") == ["tool", "settings.cpython-311.pyc", "app.sqlite"])
        #expect(report.skipped.isEmpty)
        for finding in report.findings where finding.ruleID == "aws-access-key-id" {
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(finding.path)))
            let offset = try #require(finding.byteOffset, "\(finding.path) has no byte offset")
            #expect(Array(bytes[offset..<offset + 20]) == Array(S.keyID.utf8), "\(finding.path)")
        }
        #expect(report.keys.map(\.keyID) == [S.keyID])
    }

    @Test func onlyBinarySafeRulesRunOnBinaryFiles() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A generic password assignment (not binary-safe) and a GitHub token (prefixed: binary-safe).
        var data = Data([0x00, 0x01, 0x02])
        data.append(
            Data("\npassword = \"Tr0ub4dor&3-horse-battery\"\ntoken ghp_BSGpCllfoX5dq5NvsxTSLyjs9CxO9u4UJlVl\n".utf8))
        try data.write(to: root.appendingPathComponent("blob.bin"))
        try Data(data.dropFirst(3)).write(to: root.appendingPathComponent("text.cfg"))
        let report = try S.scanTree(root)
        #expect(report.paths(of: "github-pat-classic") == ["blob.bin", "text.cfg"])
        #expect(!report.findings.contains { $0.path == "blob.bin" && $0.ruleID.hasPrefix("generic") })
        #expect(report.findings.contains { $0.path == "text.cfg" && $0.ruleID.hasPrefix("generic") })
        #expect(report.findings.filter { $0.path == "text.cfg" }.allSatisfy { $0.byteOffset == nil })
        let tokenOffset = try #require(data.range(of: Data("ghp_".utf8))?.lowerBound)
        #expect(report.findings.first { $0.path == "blob.bin" }?.byteOffset == tokenOffset)
    }

    @Test func binaryRuleFlagIsReadFromTOML() throws {
        let rules = try RuleLoader.rules(
            fromTOML: """
                [[rules]]
                id = "t"
                description = "t"
                severity = "low"
                regex = 'x'
                binary = true
                """, path: "t.toml")
        #expect(rules.first?.binary == true)
        #expect(RuleLoader.defaultRules().first { $0.id == "aws-access-key-id" }?.binary == true)
        #expect(RuleLoader.defaultRules().first { $0.id == "generic-secret-assignment" }?.binary == false)
        #expect(throws: ScanError.self) {
            try RuleLoader.rules(
                fromTOML: "[[rules]]\nid='t'\ndescription='t'\nseverity='low'\nregex='x'\nbinary='yes'\n",
                path: "t.toml")
        }
    }
}
