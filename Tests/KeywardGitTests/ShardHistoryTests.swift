import Foundation
import KeywardGit
import KeywardScan
import TestSupport
import Testing

/// `--history` shards split by blob id, git change modes by path: 3 shards together are the
/// unsharded scan, and their merged report is the unsharded report.
@Suite("git modes with --shard")
struct ShardHistoryTests {
    /// Fixed fake key IDs (AWS-shaped, never documentation values): blob ids are the same on every run.
    static let keys = (0..<30).map { number in
        "AKIA"
            + String(
                String(repeating: "QZ7R", count: 4).enumerated().map { index, character in
                    index < 2 ? Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")[(number * 7 + index) % 32] : character
                })
    }

    /// A history with many keys: files added, edited (the same key kept through many blobs of one
    /// path, so the shards each see it), moved, on a branch, a binary, a symlink and a removal.
    static func repository() throws -> TestRepository {
        let repo = try TestRepository()
        for (number, key) in keys.enumerated() {
            try repo.write("svc/\(number % 5)/app-\(number).env", "ID=\(key)\n")
            if number % 6 == 5 { try repo.commitAll("batch \(number)") }
        }
        for edit in 0..<10 {
            try repo.write("long-lived.env", "# edit \(edit)\nKEY=\(keys[0])\n" + String(repeating: "x\n", count: edit))
            try repo.commitAll("edit \(edit)")
        }
        try repo.write("tool.bin", bytes: [0x7F, 0x45, 0x4C, 0x46, 0] + Array("ID=\(keys[1])".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: repo.path + "/link.env", withDestinationPath: "long-lived.env")
        try repo.commitAll("binary and link")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.git("mv", "svc/0/app-0.env", "moved.env")
        try repo.write("side.env", "A=\(keys[2])\nB=\(keys[3])\n")
        try repo.commitAll("side work")
        try repo.git("checkout", "-q", "main")
        try repo.git("rm", "-q", "svc/1/app-1.env")
        try repo.commitAll("remove one")
        return repo
    }

    /// The assembled report of one scan, with its shard record.
    static func report(_ repo: TestRepository, _ mode: GitScanMode, shard: Shard? = nil) throws -> ScanReport {
        var scanner = try GitScanner(repository: repo.open(), scanner: FakeKeyScanner.scan, parallelism: 2)
        scanner.shard = shard
        let result = try scanner.scan(mode)
        var report = ReportAssembler().assemble(
            findings: result.findings, skipped: result.skipped, issues: result.issues, files: result.filesScanned,
            bytes: result.bytesScanned, allowlisted: 0, elapsed: 0)
        report.shard = shard.map {
            ShardInfo(shard: $0, rules: ShardInfo.settingsDigest(["fake"]), settings: ShardInfo.settingsDigest(["git"]))
        }
        return report
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.path):\(finding.line):\(finding.column) \(finding.fingerprint) \(finding.commit?.sha ?? "-")"
    }

    @Test("--history: 3 shards by blob id scan each blob once; merged, they are the unsharded report")
    func history() throws {
        let repo = try Self.repository()
        let whole = try Self.report(repo, .history)
        let shards = try (1...3).map { try Self.report(repo, .history, shard: Shard(index: $0, count: 3)) }
        #expect(whole.findings.count >= 30)
        #expect(shards.map(\.filesScanned).reduce(0, +) == whole.filesScanned)
        #expect(shards.map(\.bytesScanned).reduce(0, +) == whole.bytesScanned)
        #expect(shards.allSatisfy { $0.filesScanned > 0 })
        // The long-lived key's blobs fall into several shards: each reports it, merge keeps the oldest.
        let longLived = shards.filter { $0.findings.contains { $0.path == "long-lived.env" } }
        try #require(longLived.count >= 2)
        #expect(whole.findings.filter { $0.path == "long-lived.env" }.count == 1)
        #expect(Set(whole.skipped.map(\.reason)) == ["symlink"])
        // Binary blobs are scanned, not skipped: the key in tool.bin is in exactly one shard.
        #expect(whole.findings.contains { $0.path == "tool.bin" })
        #expect(shards.filter { $0.findings.contains { $0.path == "tool.bin" } }.count == 1)

        let merged = try Self.merge(shards, format: .json)
        #expect(merged.findings == whole.findings.count)
        #expect(Self.normalized(merged.text) == Self.normalized(Self.rendered(whole, .json)))
        let sarif = try Self.merge(shards, format: .sarif)
        #expect(Self.normalized(sarif.text) == Self.normalized(Self.rendered(whole, .sarif)))
    }

    @Test("--range and --staged: shards by path; the union is the unsharded scan")
    func changeModes() throws {
        let repo = try Self.repository()
        let base = try repo.git("rev-list", "--max-parents=0", "HEAD")
        for (key, text) in [(4, "a"), (5, "b"), (6, "c"), (7, "d")] {
            try repo.write("staged/\(text).env", "ID=\(Self.keys[key])\n")
        }
        try repo.git("add", "-A")
        for mode in [GitScanMode.range("\(base)..HEAD"), .staged] {
            let whole = try Self.report(repo, mode)
            let shards = try (1...3).map { try Self.report(repo, mode, shard: Shard(index: $0, count: 3)) }
            #expect(!whole.findings.isEmpty)
            #expect(shards.flatMap(\.findings).map(Self.line).sorted() == whole.findings.map(Self.line).sorted())
            let paths = shards.map { Set($0.findings.map(\.path)) }
            for (index, own) in paths.enumerated() {
                for other in paths.indices where other != index { #expect(own.isDisjoint(with: paths[other])) }
            }
            #expect(
                Self.normalized(try Self.merge(shards, format: .json).text)
                    == Self.normalized(Self.rendered(whole, .json)))
        }
    }

    static func rendered(_ report: ScanReport, _ format: ReportFormat) -> String {
        ReportRenderer.render(report, format: format, options: ReportOptions(toolVersion: "1.0.0"))
    }

    static func merge(_ shards: [ScanReport], format: ReportFormat) throws -> MergedReport {
        try ReportMerger().merge(
            shards.map {
                ReportMerger.Input(name: "shard-\($0.shard?.shard.index ?? 0)", data: Data(rendered($0, format).utf8))
            })
    }

    static func normalized(_ text: String) -> NSDictionary { ReportComparison.normalized(text) }
}
