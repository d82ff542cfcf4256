import Foundation
import Testing

@testable import KeywardScan

/// Details of each writer that the golden files show but do not explain.
@Suite struct ReportWriterTests {
    let options = ReportFixture.options()

    @Test func textSaysNoLeaksWhenEmpty() {
        let out = ReportRenderer.render(ScanReport(filesScanned: 3, bytesScanned: 10), format: .text, options: options)
        #expect(out.hasPrefix("No leaks found.\n"))
        #expect(out.contains("0 findings: 0 critical, 0 high, 0 medium, 0 low"))
        #expect(!out.contains("AWS keys"))
    }

    @Test func textLinesCarryPairedKeyAndCommit() {
        let lines = ReportRenderer.render(ReportFixture.report, format: .text, options: options)
            .split(separator: "\n").map(String.init)
        let secretLine = lines.first {
            $0.hasPrefix("services/api/.env:4:23  aws-secret-access-key  critical  xnyV…+6i")
        }
        #expect(secretLine?.hasSuffix("key=\(ReportFixture.awsKeyID)") == true)
        let keyLine = lines.first { $0.hasPrefix("services/api/.env:3:19  aws-access-key-id") }
        #expect(keyLine?.contains("key=") == false)
        let commitLine = lines.first { $0.hasPrefix("legacy/settings.py:12:11") }
        #expect(commitLine?.hasSuffix("commit 3f1c9a7 (Zoë Okafor)") == true)
        #expect(lines.contains("  \(ReportFixture.legacyKeyID)  long-term IAM user key  no account (legacy ID)"))
        #expect(lines.contains("2 AWS documentation example keys suppressed; --include-examples shows them."))
    }

    @Test func textMarksIncludedExamples() {
        var finding = ReportFixture.findings[3]
        finding.isExample = true
        let out = ReportRenderer.render(ScanReport(findings: [finding]), format: .text, options: options)
        #expect(
            out.hasPrefix("services/api/.env:3:19  aws-access-key-id  high  AKIA…EPF  (AWS documentation example)\n"))
    }

    @Test func jsonEscapesOnlyWhatJSONNeeds() {
        let value = ReportJSON.object(["a/b": .string("q\"b\\s/é\n\u{01}")])
        #expect(value.rendered() == "{\n  \"a/b\": \"q\\\"b\\\\s/é\\n\\u0001\"\n}\n")
        #expect(ReportJSON.array([]).rendered() == "[]\n")
        #expect(ReportJSON.double(1.5).rendered() == "1.5\n")
        #expect(ReportJSON.double(2).rendered() == "2.0\n")
    }

    @Test func jsonUsesVerificationCodingKeysAndOmitsUnsetFields() throws {
        let json = try ReportRedactionTests.parse(
            ReportRenderer.render(ReportFixture.report, format: .json, options: options)
        )
        let keys = try #require(json["keys"] as? [[String: Any]])
        let verification = try #require(keys.first?["verification"] as? [String: Any])
        #expect(
            Set(verification.keys) == [
                "status", "arn", "account", "user", "key_status", "last_used_date", "last_used_service",
                "last_used_region", "quarantine_policies",
            ])
        #expect(keys.last?["verification"] == nil)
        #expect(keys.last?["account"] is NSNull)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.first?["key_id"] == nil && findings.first?["commit"] == nil)
        let commit = try #require(findings[1]["commit"] as? [String: Any])
        #expect(Set(commit.keys) == ["sha", "author", "email", "date"])
    }

    @Test func sarifLevelsIndexesAndURIs() throws {
        let json = try ReportRedactionTests.parse(
            ReportRenderer.render(ReportFixture.report, format: .sarif, options: options)
        )
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(rules.count == 4)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(results.map { $0["level"] as? String } == ["error", "error", "warning", "error", "error"])
        let location = try #require((results.first?["locations"] as? [[String: Any]])?.first)
        let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(artifact?["uri"] as? String == "deploy/prod%20settings.env")
        #expect(artifact?["uriBaseId"] as? String == "%SRCROOT%")
        let bases = run["originalUriBaseIds"] as? [String: [String: String]]
        #expect(bases?["%SRCROOT%"]?["uri"] == "file:///srv/checkout/api/")
        let notifications = (run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [Any]
        #expect(notifications?.count == 3)
    }

    @Test func gitlabTimesIDsAndCommits() throws {
        #expect(GitLabReport.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00")
        #expect(GitLabReport.timestamp(Date(timeIntervalSince1970: 1_717_243_200.9)) == "2024-06-01T12:00:00")
        let findings = ReportFixture.findings
        let ids = findings.map(GitLabReport.uuid(for:))
        #expect(Set(ids).count == ids.count)
        #expect(ids == ReportFixture.findings.map(GitLabReport.uuid(for:)))
        let shape = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        #expect(ids.allSatisfy { $0.wholeMatch(of: shape) != nil })

        let json = try ReportRedactionTests.parse(
            ReportRenderer.render(ReportFixture.report, format: .gitlab, options: options)
        )
        let vulnerabilities = try #require(json["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.map { $0["severity"] as? String } == ["High", "High", "Medium", "High", "Critical"])
        let shas = vulnerabilities.map {
            (($0["location"] as? [String: Any])?["commit"] as? [String: Any])?["sha"] as? String
        }
        #expect(shas == ["0000000", ReportFixture.commitSHA, "0000000", "0000000", "0000000"])
        #expect(vulnerabilities.allSatisfy { $0["raw_source_code_extract"] == nil })
        let scan = try #require(json["scan"] as? [String: Any])
        #expect(scan["start_time"] as? String == "2024-06-01T11:59:58")
        #expect(scan["end_time"] as? String == "2024-06-01T12:00:00")
    }

    @Test(arguments: [
        ("aws-access-key-id", "AwsAccessKeyId"), ("github-pat-classic", "GithubPatClassic"), ("x", "X"),
    ])
    func sarifRuleNames(id: String, name: String) {
        #expect(SARIFReport.pascalCase(id) == name)
    }
}
