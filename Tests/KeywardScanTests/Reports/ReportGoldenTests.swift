import Foundation
import Testing

@testable import KeywardScan

/// Each format of the fixture report, byte for byte against fixtures/expected/report.*.
/// `KEYWARD_RECORD=1 swift test --filter ReportGoldenTests` rewrites the files instead.
@Suite struct ReportGoldenTests {
    @Test(arguments: ReportFormat.allCases)
    func matchesGoldenFile(format: ReportFormat) throws {
        let rendered = ReportRenderer.render(ReportFixture.report, format: format, options: ReportFixture.options())
        let url = ReportFixture.expectedFile(format)
        if ProcessInfo.processInfo.environment["KEYWARD_RECORD"] == "1" {
            try Data(rendered.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == expected, "\(url.lastPathComponent) differs; KEYWARD_RECORD=1 re-records it")
    }

    @Test(arguments: ReportFormat.allCases)
    func rendersDeterministically(format: ReportFormat) {
        let first = ReportRenderer.render(ReportFixture.report, format: format, options: ReportFixture.options())
        let second = ReportRenderer.render(ReportFixture.report, format: format, options: ReportFixture.options())
        #expect(first == second)
        #expect(first.hasSuffix("\n"))
    }
}
