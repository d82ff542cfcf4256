import Foundation
import Testing

@testable import KeywardScan

/// Secrets never leave a report unless asked for, and then only in text and JSON.
@Suite struct ReportRedactionTests {
    @Test(arguments: ReportFormat.allCases)
    func noSecretWithoutShowSecrets(format: ReportFormat) {
        let out = ReportRenderer.render(ReportFixture.report, format: format, options: ReportFixture.options())
        for secret in ReportFixture.secrets {
            #expect(!out.contains(secret), "\(format) leaks a secret")
        }
        // A key ID is an identifier and is shown whole.
        #expect(out.contains(ReportFixture.awsKeyID))
    }

    @Test(arguments: [ReportFormat.text, .json])
    func secretsShownWithShowSecrets(format: ReportFormat) {
        let out = ReportRenderer.render(
            ReportFixture.report, format: format, options: ReportFixture.options(showSecrets: true)
        )
        for secret in ReportFixture.secrets {
            #expect(out.contains(Self.asWritten(secret, format)), "\(format) should show the secret")
        }
    }

    @Test(arguments: [ReportFormat.sarif, .gitlab])
    func sarifAndGitLabRedactEvenWithShowSecrets(format: ReportFormat) {
        let out = ReportRenderer.render(
            ReportFixture.report, format: format, options: ReportFixture.options(showSecrets: true)
        )
        for secret in ReportFixture.secrets {
            #expect(!out.contains(Self.asWritten(secret, format)) && !out.contains(secret))
        }
    }

    @Test func jsonAddsSecretFieldsOnlyWithShowSecrets() throws {
        let hidden = try Self.parse(
            ReportRenderer.render(ReportFixture.report, format: .json, options: ReportFixture.options()))
        let shown = try Self.parse(
            ReportRenderer.render(
                ReportFixture.report, format: .json, options: ReportFixture.options(showSecrets: true))
        )
        let hiddenFindings = try #require(hidden["findings"] as? [[String: Any]])
        let shownFindings = try #require(shown["findings"] as? [[String: Any]])
        #expect(hiddenFindings.allSatisfy { $0["secret"] == nil })
        #expect(shownFindings.compactMap { $0["secret"] as? String }.count == ReportFixture.findings.count)
        let shownKeys = try #require(shown["keys"] as? [[String: Any]])
        #expect(shownKeys.first?["secret"] as? String == ReportFixture.awsSecret)
        #expect(shownKeys.last?["secret"] == nil)
    }

    @Test(arguments: ReportFormat.allCases)
    func colorCodesOnlyWhenAsked(format: ReportFormat) {
        let plain = ReportRenderer.render(ReportFixture.report, format: format, options: ReportFixture.options())
        let colored = ReportRenderer.render(
            ReportFixture.report, format: format, options: ReportFixture.options(color: true))
        #expect(!plain.contains("\u{1B}["))
        if format == .text {
            #expect(colored.contains("\u{1B}[1;31mcritical\u{1B}[0m"))
        } else {
            #expect(colored == plain, "machine formats never carry color")
        }
    }

    /// JSON writes `/` unescaped, so only `"` and `\` would change; the fixture has neither.
    static func asWritten(_ secret: String, _ format: ReportFormat) -> String {
        format == .text ? secret : secret.replacingOccurrences(of: "\\", with: "\\\\")
    }

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
