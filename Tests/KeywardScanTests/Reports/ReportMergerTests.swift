import Foundation
import Testing

@testable import KeywardScan

/// `keyward merge` refuses what is not one complete sharded scan, and deduplicates what is.
@Suite("ReportMerger refusals and deduplication")
struct ReportMergerTests {
    typealias S = ScanTestSupport

    /// Shard `index` of `count`: one finding at a path of its own.
    static func shard(
        _ index: Int, of count: Int, rules: String = ShardInfo.settingsDigest(["rules"]),
        settings: String = ShardInfo.settingsDigest(["settings"]),
        findings: [Finding]? = nil
    ) throws -> ScanReport {
        let finding = Finding(
            ruleID: "aws-access-key-id", description: "AWS access key ID", severity: .high, path: "f\(index).env",
            line: 1, column: 5, endLine: 1, endColumn: 25, secret: S.keyID, keyID: S.keyID)
        var report = ReportAssembler().assemble(
            findings: findings ?? [finding], skipped: [], issues: [], files: 1, bytes: 30, allowlisted: 0,
            elapsed: Double(index))
        report.shard = ShardInfo(shard: try Shard(index: index, count: count), rules: rules, settings: settings)
        return report
    }

    static func input(_ report: ScanReport, _ format: ReportFormat = .json, name: String? = nil) -> ReportMerger.Input {
        let text = ReportRenderer.render(report, format: format, options: ReportOptions())
        return ReportMerger.Input(
            name: name ?? "shard-\(report.shard?.shard.index ?? 0).\(format.rawValue)", data: Data(text.utf8))
    }

    @Test("a missing shard is refused; --allow-partial merges and records it", arguments: [ReportFormat.json, .sarif])
    func missingShard(format: ReportFormat) throws {
        let inputs = [try Self.input(Self.shard(1, of: 3), format), try Self.input(Self.shard(3, of: 3), format)]
        #expect(throws: MergeError.missingShards([2], count: 3)) { try ReportMerger().merge(inputs) }
        let partial = try ReportMerger(allowPartial: true).merge(inputs)
        #expect(partial.missing == [2])
        #expect(partial.shards == [1, 3])
        #expect(partial.findings == 2)
        let record = try #require(ShardedScanTests.mergeRecord(partial.text, format: format))
        #expect(record["missing"] == .array([.int(2)]))
    }

    @Test("a shard given twice is refused, with or without --allow-partial")
    func duplicateShard() throws {
        let inputs = [
            try Self.input(Self.shard(1, of: 2), name: "a.json"), try Self.input(Self.shard(2, of: 2)),
            try Self.input(Self.shard(1, of: 2), name: "b.json"),
        ]
        #expect(throws: MergeError.duplicateShard(index: 1, names: ["a.json", "b.json"])) {
            try ReportMerger().merge(inputs)
        }
        #expect(throws: MergeError.self) { try ReportMerger(allowPartial: true).merge(inputs) }
    }

    @Test("JSON and SARIF reports are not mixed; JSON merges to SARIF, SARIF not to JSON")
    func formats() throws {
        let mixed = [try Self.input(Self.shard(1, of: 2), .json), try Self.input(Self.shard(2, of: 2), .sarif)]
        #expect(throws: MergeError.self) { try ReportMerger().merge(mixed) }
        do {
            _ = try ReportMerger().merge(mixed)
        } catch {
            #expect(error.description.contains("shard-2.sarif is a sarif report but shard-1.json is json"))
        }
        let json = [try Self.input(Self.shard(1, of: 2)), try Self.input(Self.shard(2, of: 2))]
        #expect(try ReportMerger().merge(json, format: .json).format == .json)
        let converted = try ReportMerger().merge(json, format: .sarif)
        #expect(converted.format == .sarif)
        #expect(converted.text.contains("\"version\": \"2.1.0\""))
        #expect(ShardedScanTests.mergeRecord(converted.text, format: .sarif)?["count"] == .int(2))
        let sarif = [try Self.input(Self.shard(1, of: 2), .sarif), try Self.input(Self.shard(2, of: 2), .sarif)]
        #expect(throws: MergeError.conversion(from: "sarif", to: "json")) {
            try ReportMerger().merge(sarif, format: .json)
        }
    }

    @Test("reports of different scans are refused: shard count, rules, settings")
    func differentScans() throws {
        let first = try Self.input(Self.shard(1, of: 2))
        #expect(throws: MergeError.differentCount(name: "shard-2.json", count: 3, first: "shard-1.json", firstCount: 2))
        {
            try ReportMerger().merge([first, try Self.input(Self.shard(2, of: 3))])
        }
        for other in [
            try Self.shard(2, of: 2, rules: "sha256:other"), try Self.shard(2, of: 2, settings: "sha256:other"),
        ] {
            #expect(throws: MergeError.self) { try ReportMerger().merge([first, Self.input(other)]) }
        }
        // An unsharded report is shard 1 of 1 without digests: it does not join a sharded set.
        var whole = try Self.shard(1, of: 1)
        whole.shard = nil
        #expect(throws: MergeError.self) {
            try ReportMerger().merge([Self.input(whole), try Self.input(Self.shard(2, of: 2))])
        }
        #expect(try ReportMerger().merge([Self.input(whole)]).findings == 1)
    }

    @Test("not a report, a merged report, a shard out of range: refused with the file named")
    func badInputs() throws {
        let garbage = ReportMerger.Input(name: "notes.txt", data: Data("hello".utf8))
        #expect(throws: MergeError.notAReport(name: "notes.txt", reason: "not JSON")) {
            try ReportMerger().merge([garbage])
        }
        let other = ReportMerger.Input(name: "other.json", data: Data(#"{"version": 2}"#.utf8))
        #expect(throws: MergeError.self) { try ReportMerger().merge([other]) }
        let merged = try ReportMerger().merge([Self.input(Self.shard(1, of: 1))])
        let again = ReportMerger.Input(name: "merged.json", data: Data(merged.text.utf8))
        #expect(throws: MergeError.alreadyMerged(name: "merged.json")) { try ReportMerger().merge([again]) }
        let text = ReportRenderer.render(try Self.shard(1, of: 3), format: .json, options: ReportOptions())
            .replacingOccurrences(of: "\"index\": 1", with: "\"index\": 4")
        #expect(throws: MergeError.indexOutOfRange(name: "x.json", index: 4, count: 3)) {
            try ReportMerger(allowPartial: true).merge([ReportMerger.Input(name: "x.json", data: Data(text.utf8))])
        }
        #expect(throws: MergeError.noReports) { try ReportMerger().merge([]) }
    }

    @Test("counts are summed, the time is the longest shard's; a shard's file error makes the merge incomplete")
    func countsAndErrors() throws {
        var second = try Self.shard(2, of: 2)
        second.skipped = [SkippedFile(path: "locked.env", reason: "unreadable: Permission denied")]
        let merged = try ReportMerger().merge([Self.input(Self.shard(1, of: 2)), Self.input(second)])
        let document = try #require(try JSONDecoder().decode(ReportJSON.self, from: Data(merged.text.utf8)).object)
        #expect(document["scanned"]?["files"] == .int(2))
        #expect(document["scanned"]?["bytes"] == .int(60))
        #expect(document["summary"]?["elapsed_seconds"]?.double == 2)
        #expect(merged.isIncomplete)
        let sarif = try ReportMerger().merge([Self.input(Self.shard(1, of: 2), .sarif), Self.input(second, .sarif)])
        #expect(sarif.isIncomplete)
        #expect(sarif.liveKeys == nil)
    }

    @Test("a shard's and a merged JSON report validate against the report schema")
    func schema() throws {
        let shard = ReportRenderer.render(try Self.shard(1, of: 1), format: .json, options: ReportOptions())
        let merged = try ReportMerger().merge([ReportMerger.Input(name: "s.json", data: Data(shard.utf8))]).text
        for document in [shard, merged] {
            let errors = try SchemaValidator.errors(
                document: document, schema: ReportFixture.schemaFile("keyward-report-v1.json"))
            #expect(errors.isEmpty, "\(errors)")
        }
        #expect(shard.contains("\"shard\": {") && merged.contains("\"merged\": {"))
    }

    @Test("--history shards: one finding per fingerprint, the oldest blob's (lowest shard_order)")
    func historyDeduplication() throws {
        func finding(order: Int, line: Int, sha: String) -> Finding {
            var finding = Finding(
                ruleID: "aws-access-key-id", description: "AWS access key ID", severity: .high, path: "app.env",
                line: line, column: 5, endLine: line, endColumn: 25, secret: S.keyID, keyID: S.keyID,
                commit: CommitInfo(sha: sha, author: "A", email: "a@example.com", date: "2024-01-01T00:00:00Z"))
            finding.shardOrder = order
            return finding
        }
        let older = try Self.shard(
            1, of: 2, findings: [finding(order: 3, line: 2, sha: String(repeating: "a", count: 40))])
        let newer = try Self.shard(
            2, of: 2, findings: [finding(order: 7, line: 9, sha: String(repeating: "b", count: 40))])
        for format in [ReportFormat.json, .sarif] {
            let merged = try ReportMerger().merge([Self.input(newer, format), Self.input(older, format)])
            #expect(merged.findings == 1)
            #expect(merged.text.contains(String(repeating: "a", count: 40)))
            #expect(!merged.text.contains(String(repeating: "b", count: 40)))
            #expect(!merged.text.contains("shard_order") && !merged.text.contains("shardOrder"))
        }
    }
}
