import Foundation
import Testing

@Suite struct ExitCodeTests {
    static let keyID = "AKIAMUPVX7I4Z3YWTIQC"

    func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-cli-\(UUID())")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func cleanTreeExitsZero() throws {
        let root = try tree(["a.txt": "nothing here\n"])
        let result = try CLIRunner.run(["scan", root.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No leaks found"))
    }

    @Test func leaksExitOneOrTheChosenCode() throws {
        let root = try tree(["a.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\n"])
        #expect(try CLIRunner.run(["scan", root.path]).status == 1)
        #expect(try CLIRunner.run(["scan", root.path, "--exit-code", "7"]).status == 7)
        #expect(try CLIRunner.run([root.path]).status == 1, "scan is the default subcommand")
    }

    @Test func usageAndConfigErrorsExitTwo() throws {
        let root = try tree([".keyward.toml": "[allowlist\n", "a.txt": "x\n"])
        let bad = try CLIRunner.run(["scan", root.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".keyward.toml:1:"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(try CLIRunner.run(["scan", "--no-such-flag"]).status == 2)
        #expect(try CLIRunner.run(["scan", "/nonexistent/keyward-path"]).status == 2)
        #expect(try CLIRunner.run(["scan", root.path, "--rules", root.appendingPathComponent("missing.toml").path]).status == 2)
    }

    @Test func jsonReportRedactsUnlessAsked() throws {
        let secret = "CqGNg7PfMY3PzdNr624jhdKkkyzbbMT8peKtDN8U"
        let root = try tree(["a.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\nAWS_SECRET_ACCESS_KEY=\(secret)\n"])
        let redacted = try CLIRunner.run(["scan", root.path, "--format", "json"])
        #expect(redacted.status == 1)
        #expect(!redacted.stdout.contains(secret))
        let object = try JSONSerialization.jsonObject(with: Data(redacted.stdout.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        #expect((object?["findings"] as? [Any])?.count == 2)
        let shown = try CLIRunner.run(["scan", root.path, "--format", "json", "--show-secrets"])
        #expect(shown.stdout.contains(secret))
    }

    @Test func unreadableFileIsListedWithReason() throws {
        let root = try tree(["locked.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\n", "open.txt": "hello\n"])
        let locked = root.appendingPathComponent("locked.env").path
        chmod(locked, 0)
        chmod(root.path, 0o755)
        // root reads anything: drop to nobody when the tests run as root.
        let prefix = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try CLIRunner.run(["scan", root.path, "--format", "json"], prefix: prefix)
        #expect(result.status == 2, "an unreadable file makes the scan incomplete: exit 2, after the report")
        #expect(result.stdout.contains("\"path\" : \"locked.env\"") || result.stdout.contains("\"path\": \"locked.env\""))
        #expect(result.stdout.contains("unreadable: Permission denied"))
        #expect(result.stdout.contains("\"error\": true"))
        #expect(result.stderr.contains("scan incomplete (1 unreadable file"))
        let allowed = try CLIRunner.run(["scan", root.path, "--allow-errors"], prefix: prefix)
        #expect(allowed.status == 0, "--allow-errors restores the old behaviour")
        #expect(allowed.stdout.contains("locked.env: unreadable: Permission denied"))
    }

    @Test func rulesTestAndKeysDecode() throws {
        let rules = try CLIRunner.run(["rules", "test"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains(" passed, 0 failed"))
        let decode = try CLIRunner.run(["keys", "decode", "AKIAFAPSPHLSEQBQN35Y"])
        #expect(decode.stdout.contains("344642763492"))
        #expect(try CLIRunner.run(["keys", "decode", "not-a-key"]).status == 2)
    }

    @Test func baselineCreateThenScanIsClean() throws {
        let root = try tree(["a.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\n"])
        let baseline = root.appendingPathComponent("kw-baseline.json").path
        #expect(try CLIRunner.run(["baseline", "create", baseline, root.path]).status == 0)
        #expect(try CLIRunner.run(["scan", root.path, "--baseline", baseline]).status == 0)
    }
}
