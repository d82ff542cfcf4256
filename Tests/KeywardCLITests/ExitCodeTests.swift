import Foundation
import Synchronization
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

    @Test func oneByteKeywordInARuleFileExitsTwoNamingFileAndLine() throws {
        let rule = "[[rules]]\nid = \"tiny\"\ndescription = \"d\"\nseverity = \"high\"\nregex = 'x[0-9]{8}'\nkeywords = [\"x\"]\n"
        let root = try tree(["extra.toml": rule, "a.txt": "x12345678\n"])
        let result = try CLIRunner.run(["scan", root.appendingPathComponent("a.txt").path,
                                        "--rules", root.appendingPathComponent("extra.toml").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("extra.toml:1: rule 'tiny': keyword 'x'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// `--output` naming something that is not a regular file (here a FIFO, like `/dev/null`)
    /// writes to it and leaves it in place: an atomic rename would replace it with a regular file.
    @Test func outputToASpecialFileWritesThroughIt() throws {
        let root = try tree(["a.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\n"])
        let fifo = root.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = LockedBox()
        let reader = Thread {
            // Opening blocks until keyward opens the FIFO to write; reading ends when it closes it.
            received.set(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile())
        }
        reader.start()
        let result = try CLIRunner.run(["scan", root.appendingPathComponent("a.env").path, "--format", "json", "--output", fifo])
        #expect(result.status == 1)
        for _ in 0..<100 where received.get() == nil { usleep(50_000) }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
        #expect(String(decoding: received.get() ?? Data(), as: UTF8.self).contains("\"version\""))
    }

    @Test func aReportWithSecretsIsWrittenOwnerOnly() throws {
        let root = try tree(["a.env": "AWS_ACCESS_KEY_ID=\(Self.keyID)\n"])
        let shown = root.appendingPathComponent("shown.json").path
        let scanned = root.appendingPathComponent("a.env").path
        let result = try CLIRunner.run(["scan", scanned, "--format", "json", "--show-secrets", "--output", shown])
        #expect(result.status == 1)
        var info = stat()
        #expect(stat(shown, &info) == 0 && info.st_mode & 0o777 == 0o600, "a --show-secrets report is 0600")
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

/// A value shared with a reader thread.
final class LockedBox: Sendable {
    private let value = Mutex<Data?>(nil)
    func set(_ data: Data?) { value.withLock { $0 = data } }
    func get() -> Data? { value.withLock { $0 } }
}
