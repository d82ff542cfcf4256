import Foundation
import TestSupport
import Testing

/// `--format html`: one self-contained file, secrets redacted, rendered and filtered by a real headless
/// Chromium (Debian's `chromium`, installed by `scripts/install-deps.sh --test`).
@Suite struct HTMLReportTests {
    static func chromium() throws -> String {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw HTMLTestError("chromium is not installed: `./scripts/install-deps.sh --test` (apt-get install chromium)")
    }

    struct HTMLTestError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Chromium's DOM after the page's script ran, for `url` (a file URL, maybe with a #hash).
    static func dom(_ url: String) throws -> String {
        let result = try ProcessRunner.run(
            try chromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
            environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw HTMLTestError("chromium failed: \(result.stderr.suffix(500))") }
        return result.stdout
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func selfContainedRedactedAndFilterableInABrowser() throws {
        let demo = Fixtures.url("demo").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kw-html-\(UUID())")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let html = out.appendingPathComponent("report.html").path
        let result = try CLIRunner.run(["scan", demo, "--format", "html", "--output", html, "--show-secrets"])
        #expect(result.status == 1, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        // Self-contained: nothing to fetch.
        for reference in ["src=", "href=", "@import", "url("] { #expect(!page.contains(reference), "\(reference)") }
        // Redacted even with --show-secrets: no whole secret of the scan appears.
        let json = try CLIRunner.run(["scan", demo, "--format", "json", "--show-secrets"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        // Access key IDs are identifiers, shown whole in every format; every other match is a secret.
        let secrets = findings.filter { $0["rule_id"] as? String != "aws-access-key-id" }
            .compactMap { $0["secret"] as? String }.filter { $0.count >= 12 }
        #expect(!secrets.isEmpty)
        for secret in secrets { #expect(!page.contains(secret)) }

        let rendered = try Self.dom("file://\(html)")
        #expect(Self.count("<tr class=\"finding\"", in: rendered) == findings.count)
        #expect(rendered.contains("\(findings.count) finding row(s) shown"))
        let github = findings.filter { ($0["rule_id"] as? String)?.hasPrefix("github") == true }.count
        #expect(github > 0)
        let filtered = try Self.dom("file://\(html)#q=github")
        #expect(Self.count("<tr class=\"finding\"", in: filtered) >= github)
        #expect(Self.count("<tr class=\"finding\"", in: filtered) < findings.count)
        #expect(Self.count("<tr class=\"finding hidden\"", in: filtered) > 0)

        // A screenshot for the test output (look at it: `open` the path printed below).
        let artifacts = Fixtures.repositoryRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let png = artifacts.appendingPathComponent("html-report.png").path
        let shot = try ProcessRunner.run(
            try Self.chromium(),
            ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--screenshot=\(png)", "file://\(html)"],
            environment: ProcessInfo.processInfo.environment)
        #expect(shot.status == 0 && FileManager.default.fileExists(atPath: png), "\(shot.stderr.suffix(300))")
        print("HTML report screenshot: \(png)")
    }
}
