import Foundation
import Testing
import TestSupport

/// Issue 12 through the built binary: incomplete scans fail the gate, the scanned change cannot
/// configure its own scan, and a hostile `.git/config` runs nothing.
@Suite("hardening (keyward binary)")
struct HardeningCLITests {
    static let keyID = "AKIAMUPVX7I4Z3YWTIQC"
    static let git = ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]

    /// A fresh repository; `git(...)` runs in it with the user's and system's config shut out.
    final class Repo {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("kw-cli-git-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try git(["init", "-q", "-b", "main"])
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        @discardableResult
        func git(_ arguments: [String]) throws -> String {
            let env = ProcessInfo.processInfo.environment.merging(HostileRepository.isolated) { $1 }
            let result = try ProcessRunner.run("/usr/bin/env", ["git"] + HardeningCLITests.git + arguments, in: path, environment: env)
            guard result.status == 0 else { throw HostileRepositoryError(message: result.stderr) }
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }

        func commitAll(_ message: String) throws -> String {
            try git(["add", "-A"])
            try git(["commit", "-q", "-m", message])
            return try git(["rev-parse", "HEAD"])
        }
    }

    static func keyward(_ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
        try CLIRunner.run(arguments, in: directory.map { URL(fileURLWithPath: $0) }, environment: HostileRepository.isolated)
    }

    @Test("a rule stopped by the match limit exits 2 after the report; --allow-errors exits as before")
    func ruleErrorExitsTwo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-rule-error-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let rule = """
            [[rules]]
            id = "backtracking"
            description = "catastrophic backtracking"
            severity = "low"
            regex = '''kwtoken=((a+)+(?=!))'''
            secret_group = 1
            keywords = ["kwtoken="]
            examples = ['kwtoken=aaaa!']

            """
        try Data(rule.utf8).write(to: root.appendingPathComponent("rules.toml"))
        try Data(("kwtoken=" + String(repeating: "a", count: 3000) + "x!\n").utf8)
            .write(to: root.appendingPathComponent("input.txt"))
        let arguments = ["scan", root.appendingPathComponent("input.txt").path, "--no-default-rules",
                         "--rules", root.appendingPathComponent("rules.toml").path, "--format", "json"]
        let failed = try Self.keyward(arguments)
        #expect(failed.status == 2)
        #expect(failed.stdout.contains("match limit exceeded"), "the report is written first")
        #expect(failed.stderr.contains("scan incomplete (1 rule error"))
        #expect(try Self.keyward(arguments + ["--allow-errors"]).status == 0)
    }

    @Test("--range reads .keyward.toml from the base: a PR allowlisting itself is still caught, and noted")
    func rangeUsesBaseConfig() throws {
        let repo = try Repo()
        try repo.write("README.md", "hello\n")
        let base = try repo.commitAll("base")
        try repo.write(".keyward.toml", "disabled_rules = [\"aws-access-key-id\"]\n[allowlist]\npaths = ['''.*''']\n")
        try repo.write("app.env", "AWS_ACCESS_KEY_ID=\(Self.keyID)\n")
        let head = try repo.commitAll("add a key and allowlist it")
        let result = try Self.keyward(["scan", repo.path, "--range", "\(base)..\(head)", "--format", "json"])
        #expect(result.status == 1, "the head's config must not apply: \(result.stderr)")
        #expect(result.stdout.contains(Self.keyID))
        #expect(result.stderr.contains("note: this change edits .keyward.toml; the edit is not applied"))
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let config = json?["config"] as? [String: Any]
        #expect(config?["source"] as? String == "commit")
        #expect(config?["commit"] as? String == base)
        #expect(config?["found"] as? Bool == false)
        #expect(config?["edited_by_change"] as? Bool == true)
        let text = try Self.keyward(["scan", repo.path, "--range", "\(base)..\(head)"])
        #expect(text.stdout.contains("note: this change edits .keyward.toml"))
        // --config names the file to use instead, and still says the change edits the committed one.
        let chosen = try Self.keyward(["scan", repo.path, "--range", "\(base)..\(head)", "--config", repo.path + "/.keyward.toml"])
        #expect(chosen.status == 0, "the operator chose that config: \(chosen.stderr)")
        #expect(chosen.stderr.contains("the scan used --config"))
    }

    @Test("--staged judges by HEAD's config; a file scan still reads the tree's config")
    func stagedUsesHeadConfig() throws {
        let repo = try Repo()
        try repo.write("README.md", "hello\n")
        _ = try repo.commitAll("base")
        try repo.write(".keyward.toml", "[allowlist]\npaths = ['''.*''']\n")
        try repo.write("app.env", "AWS_ACCESS_KEY_ID=\(Self.keyID)\n")
        try repo.git(["add", "-A"])
        let staged = try Self.keyward(["scan", "--staged"], in: repo.path)
        #expect(staged.status == 1)
        #expect(staged.stderr.contains("note: this change edits .keyward.toml"))
        #expect(try Self.keyward(["scan", repo.path]).status == 0, "file scans keep reading the tree's config")
    }

    @Test("a hostile .git/config runs nothing under --staged, --range, --since, --history and hook install")
    func hostileRepositoryRunsNothing() throws {
        let repo = try HostileRepository(keyID: "AKIAQYLPMN5HHHFPZAM2", stagedKeyID: Self.keyID)
        let runs: [[String]] = [
            ["scan", "--staged"], ["scan", "--range", repo.firstCommit + "..HEAD"], ["scan", "--since", repo.firstCommit],
            ["scan", "--history"], ["scan", "--history", "--format", "sarif"], ["hook", "install"],
        ]
        for arguments in runs {
            let result = try Self.keyward(arguments, in: repo.path)
            #expect(result.status == (arguments[0] == "hook" ? 0 : 1), "\(arguments): \(result.stderr)")
            #expect(!repo.markerExists, "\(arguments) ran a hostile program: \(repo.markerText)")
        }
    }
}
