import Foundation
import TestSupport
import Testing

/// `keyward scan --shard I/N` and `keyward merge` as a user runs them.
@Suite("scan --shard and merge (CLI)")
struct ShardCLITests {
    /// A fresh copy of the shard fixture tree.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-shard-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try ShardFixtureTree.make(at: root)
        return root
    }

    /// A directory for reports, outside the scanned tree.
    static func reports() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kw-reports-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("bad --shard values: exit 2 and one line on stderr", arguments: ["0/3", "4/3", "1/0", "x", "2/3/4", "-1/3"])
    func badShard(value: String) throws {
        let root = try Self.tree()
        // `--shard=VALUE`: a value starting with `-` would read as an option.
        let result = try CLIRunner.run(["scan", root.path, "--shard=\(value)"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("keyward: --shard \(value): "))
        #expect(result.stdout.isEmpty)
    }

    @Test("a shard's text report says it covers one shard only")
    func textReport() throws {
        let root = try Self.tree()
        let result = try CLIRunner.run(["scan", ".", "--shard", "2/3"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Shard 2/3 of the input only"))
        #expect(!(try CLIRunner.run(["scan", "."], in: root)).stdout.contains("Shard "))
    }

    @Test("--remediate with --shard is refused before anything is scanned or asked of AWS")
    func remediateRefused() throws {
        let root = try Self.tree()
        let result = try CLIRunner.run(["scan", root.path, "--shard", "1/2", "--remediate", "--yes"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("keyward merge"))
        #expect(result.stderr.contains("--remediate"))
        #expect(result.stdout.isEmpty)
    }

    @Test("3 shards scanned by the binary merge into the unsharded report", arguments: ["json", "sarif"])
    func mergeEqualsWholeScan(format: String) throws {
        let root = try Self.tree()
        let out = try Self.reports()
        let whole = try CLIRunner.run(
            ["scan", ".", "--format", format, "--output", out.appendingPathComponent("whole").path], in: root)
        #expect(whole.status == 1)
        var files: [String] = []
        for index in 1...3 {
            let file = out.appendingPathComponent("shard-\(index).\(format)").path
            let shard = try CLIRunner.run(
                ["scan", ".", "--shard", "\(index)/3", "--format", format, "--output", file], in: root)
            #expect(shard.status == 1 || shard.status == 0, "\(shard.stderr)")
            files.append(file)
        }
        let merged = out.appendingPathComponent("merged").path
        let result = try CLIRunner.run(["merge"] + files.reversed() + ["--output", merged])
        #expect(result.status == 1, "findings fail the merge as they fail the scan: \(result.stderr)")
        #expect(
            ReportComparison.normalized(file: URL(fileURLWithPath: merged))
                == ReportComparison.normalized(file: out.appendingPathComponent("whole")))
        #expect(try CLIRunner.run(["merge"] + files + ["--exit-code", "7", "--output", merged]).status == 7)
        #expect(try CLIRunner.run(["merge"] + files + ["--fail-on", "unremediated", "--output", merged]).status == 1)
        // Missing shard: refused (exit 2, nothing written); --allow-partial merges and says so.
        let partial = out.appendingPathComponent("partial").path
        let missing = try CLIRunner.run(["merge", files[0], files[2], "--output", partial])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("shard 2 of 3 missing"))
        #expect(!FileManager.default.fileExists(atPath: partial))
        let allowed = try CLIRunner.run(["merge", files[0], files[2], "--allow-partial", "--output", partial])
        #expect(allowed.status == 1)
        #expect(allowed.stderr.contains("partial merge"))
        #expect(FileManager.default.fileExists(atPath: partial))
        // JSON shards merged to SARIF: the unsharded SARIF but for the scan root, which merge cannot know.
        if format == "json" {
            let sarif = out.appendingPathComponent("merged.sarif")
            #expect(try CLIRunner.run(["merge"] + files + ["--format", "sarif", "--output", sarif.path]).status == 1)
            let whole = out.appendingPathComponent("whole.sarif").path
            _ = try CLIRunner.run(["scan", ".", "--format", "sarif", "--output", whole], in: root)
            func withoutRoot(_ url: URL) -> NSDictionary {
                let document = ReportComparison.normalized(file: url).mutableCopy() as? NSMutableDictionary ?? [:]
                if var runs = document["runs"] as? [[String: Any]] {
                    runs[0]["originalUriBaseIds"] = nil
                    document["runs"] = runs
                }
                return document
            }
            #expect(withoutRoot(sarif) == withoutRoot(URL(fileURLWithPath: whole)))
        }
        // A shard given twice.
        #expect(try CLIRunner.run(["merge", files[0], files[0], files[1], files[2]]).status == 2)
    }

    @Test("merge refuses mixed formats, conversion, --fail-on live without verification data, an unreadable file")
    func refusals() throws {
        let root = try Self.tree()
        let out = try Self.reports()
        let json = out.appendingPathComponent("1.json").path
        let sarif = out.appendingPathComponent("2.sarif").path
        _ = try CLIRunner.run(["scan", ".", "--shard", "1/2", "--format", "json", "--output", json], in: root)
        _ = try CLIRunner.run(["scan", ".", "--shard", "2/2", "--format", "sarif", "--output", sarif], in: root)
        let mixed = try CLIRunner.run(["merge", json, sarif])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("is a sarif report but"))
        let sarif1 = out.appendingPathComponent("1.sarif").path
        _ = try CLIRunner.run(["scan", ".", "--shard", "1/2", "--format", "sarif", "--output", sarif1], in: root)
        #expect(try CLIRunner.run(["merge", sarif1, sarif, "--format", "json"]).status == 2)
        let live = try CLIRunner.run(["merge", sarif1, sarif, "--fail-on", "live"])
        #expect(live.status == 2)
        #expect(live.stderr.contains("verification"))
        let nothing = try CLIRunner.run(["merge", out.appendingPathComponent("absent.json").path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("absent.json"))
        // Other settings (here --no-archives) are another scan.
        let other = out.appendingPathComponent("2.json").path
        _ = try CLIRunner.run(
            ["scan", ".", "--shard", "2/2", "--no-archives", "--format", "json", "--output", other], in: root)
        let different = try CLIRunner.run(["merge", json, other])
        #expect(different.status == 2)
        #expect(different.stderr.contains("different settings"))
    }

    @Test("a clean merged report exits 0")
    func cleanMerge() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-clean-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for number in 0..<10 {
            try Data("nothing \(number)\n".utf8).write(to: root.appendingPathComponent("f\(number).txt"))
        }
        let out = try Self.reports()
        let files = try (1...2).map { index in
            let file = out.appendingPathComponent("\(index).json").path
            let scan = try CLIRunner.run(
                ["scan", ".", "--shard", "\(index)/2", "--format", "json", "--output", file], in: root)
            #expect(scan.status == 0)
            return file
        }
        let merged = try CLIRunner.run(["merge"] + files)
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("\"files\": 10"))
    }

    @Test("--history --shard on a git repository: blobs split by id, merged equal to the unsharded scan")
    func history() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-history-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let environment = [
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "",
        ]
        func git(_ arguments: String...) throws {
            let result = try ProcessRunner.run(
                "/usr/bin/env",
                ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
                    + arguments,
                in: root.path, environment: environment)
            try #require(result.status == 0, "\(result.stderr)")
        }
        try git("init", "-q", "-b", "main")
        for (number, key) in ShardFixtureTree.keys.prefix(24).enumerated() {
            try Data("AWS_ACCESS_KEY_ID=\(key.id)\nAWS_SECRET_ACCESS_KEY=\(key.secret)\n".utf8)
                .write(to: root.appendingPathComponent("app-\(number % 6).env"))
            try git("add", "-A")
            try git("commit", "-q", "-m", "change \(number)")
        }
        let out = try Self.reports()
        let whole = try CLIRunner.run(
            ["scan", ".", "--history", "--format", "json"], in: root, environment: environment)
        #expect(whole.status == 1)
        let files = try (1...3).map { index in
            let file = out.appendingPathComponent("h\(index).json").path
            let shard = try CLIRunner.run(
                ["scan", ".", "--history", "--shard", "\(index)/3", "--format", "json", "--output", file], in: root,
                environment: environment)
            #expect(shard.status <= 1, "\(shard.stderr)")
            return file
        }
        let merged = try CLIRunner.run(["merge"] + files)
        #expect(merged.status == 1)
        #expect(ReportComparison.normalized(merged.stdout) == ReportComparison.normalized(whole.stdout))
    }
}
