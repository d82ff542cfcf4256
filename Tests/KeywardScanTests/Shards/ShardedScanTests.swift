import Foundation
import TestSupport
import Testing

@testable import KeywardScan

/// The union of the shards is the unsharded scan, finding for finding; their merged report is the
/// unsharded report.
@Suite("sharded scans and merge")
struct ShardedScanTests {
    typealias S = ScanTestSupport

    /// The shard tree, its unsharded report and the reports of its 3 shards.
    struct Scans {
        var root: URL
        var whole: ScanReport
        var shards: [ScanReport]
    }

    static func scans(count: Int = 3) throws -> Scans {
        let root = try S.temporaryDirectory()
        try ShardFixtureTree.make(at: root)
        let whole = try S.scanTree(root)
        let shards = try (1...count).map { try S.scanTree(root, shard: Shard(index: $0, count: count)) }
        return Scans(root: root, whole: whole, shards: shards)
    }

    /// A finding as a comparable line (everything reports show of it).
    static func line(_ finding: Finding) -> String {
        "\(finding.path):\(finding.line):\(finding.column)-\(finding.endLine):\(finding.endColumn) \(finding.ruleID) "
            + "\(finding.keyID ?? "-") \(finding.fingerprint) \(finding.byteOffset ?? -1)"
    }

    @Test("3 shards together find exactly what the whole scan finds, each file in one shard")
    func unionIsWholeScan() throws {
        let scans = try Self.scans()
        defer { try? FileManager.default.removeItem(at: scans.root) }
        let whole = scans.whole
        #expect(whole.findings.count > 60)
        #expect(whole.findings.contains { $0.isArchiveMember })
        #expect(whole.findings.contains { $0.pathBytes != nil })
        #expect(Set(whole.skipped.map(\.path)).isSuperset(of: [".git", "link.env", "queue.fifo"]))

        let union = scans.shards.flatMap(\.findings).map(Self.line).sorted()
        #expect(union == whole.findings.map(Self.line).sorted())
        #expect(scans.shards.map(\.filesScanned).reduce(0, +) == whole.filesScanned)
        #expect(scans.shards.map(\.bytesScanned).reduce(0, +) == whole.bytesScanned)
        #expect(scans.shards.allSatisfy { !$0.findings.isEmpty })
        // Each file's findings (an archive's members with it) come from exactly one shard.
        var owner: [String: Int] = [:]
        for (index, shard) in scans.shards.enumerated() {
            for finding in shard.findings {
                let file = String(finding.path.split(separator: "!", maxSplits: 1)[0])
                #expect(owner[file, default: index] == index, "\(file) in two shards")
                owner[file] = index
            }
        }
        // Each skipped entry is listed by exactly one shard.
        let skipped = scans.shards.flatMap(\.skipped).map { "\($0.path) \($0.reason)" }
        #expect(skipped.sorted() == whole.skipped.map { "\($0.path) \($0.reason)" }.sorted())
        #expect(Set(skipped).count == skipped.count)
    }

    @Test(
        "the merged JSON and SARIF reports of the shards are the unsharded reports",
        arguments: [ReportFormat.json, .sarif])
    func mergeEqualsWholeReport(format: ReportFormat) throws {
        let scans = try Self.scans()
        defer { try? FileManager.default.removeItem(at: scans.root) }
        let options = ReportOptions(toolVersion: "9.9.9", scanRoot: scans.root.path)
        let expected = ReportRenderer.render(scans.whole, format: format, options: options)
        // Given in any order.
        let inputs = scans.shards.reversed().enumerated().map { number, report in
            ReportMerger.Input(
                name: "shard-\(number).\(format.rawValue)",
                data: Data(ReportRenderer.render(report, format: format, options: options).utf8))
        }
        let merged = try ReportMerger().merge(inputs)
        #expect(merged.format == format)
        #expect(merged.shards == [1, 2, 3])
        #expect(merged.missing.isEmpty)
        #expect(merged.findings == scans.whole.findings.count)
        // Both parsed and written again: a whole double (`0.0`) reads back as an integer.
        #expect(
            Self.withoutMergeRecord(merged.text, format: format) == Self.withoutMergeRecord(expected, format: format))
        let record = try #require(Self.mergeRecord(merged.text, format: format))
        #expect(record["count"] == .int(3))
        #expect(record["shards"] == .array([.int(1), .int(2), .int(3)]))
        #expect(record["missing"] == .array([]))
    }

    @Test("merged JSON shards written as SARIF are the unsharded SARIF report", arguments: [false, true])
    func jsonMergedToSARIF(showSecrets: Bool) throws {
        let scans = try Self.scans()
        defer { try? FileManager.default.removeItem(at: scans.root) }
        let options = ReportOptions(showSecrets: showSecrets, toolVersion: "9.9.9", scanRoot: scans.root.path)
        let inputs = scans.shards.map { report in
            ReportMerger.Input(
                name: "s", data: Data(ReportRenderer.render(report, format: .json, options: options).utf8))
        }
        let merged = try ReportMerger().merge(inputs, format: .sarif, options: options)
        let expected = ReportRenderer.render(scans.whole, format: .sarif, options: options)
        #expect(
            Self.withoutMergeRecord(merged.text, format: .sarif) == Self.withoutMergeRecord(expected, format: .sarif))
    }

    @Test("a JSON report read back and written again is the same report", arguments: [false, true])
    func jsonRoundTrip(showSecrets: Bool) throws {
        let scans = try Self.scans()
        defer { try? FileManager.default.removeItem(at: scans.root) }
        let options = ReportOptions(showSecrets: showSecrets)
        var whole = scans.whole
        if let index = whole.keys.indices.first {
            whole.keys[index].verification = KeyVerification(
                status: "live", arn: "arn:aws:iam::1:user/x", method: "sign")
            whole.keys[index].remediation = KeyRemediation(
                rotatedAt: "2026-01-01T00:00:00Z", newKeyID: "AKIA", user: "x")
            whole.keys[index].canary = true
        }
        let text = ReportRenderer.render(whole, format: .json, options: options)
        let document = try #require(try JSONDecoder().decode(ReportJSON.self, from: Data(text.utf8)).object)
        let again = ReportRenderer.render(try ScanReport.decoded(fromJSON: document), format: .json, options: options)
        #expect(again == text)
    }

    @Test("a key found in several shards is one key: locations in scan order, the strongest verification kept")
    func keysMerge() throws {
        let scans = try Self.scans()
        defer { try? FileManager.default.removeItem(at: scans.root) }
        let sharedID = ShardFixtureTree.keys[0].id
        let holders = scans.shards.indices.filter { scans.shards[$0].keys.contains { $0.keyID == sharedID } }
        try #require(holders.count >= 2, "the shared key should span shards")
        var shards = scans.shards
        for index in shards.indices {
            for key in shards[index].keys.indices where shards[index].keys[key].keyID == sharedID {
                shards[index].keys[key].verification = KeyVerification(
                    status: index == holders[1] ? "live" : "unverified",
                    arn: index == holders[1] ? "arn:aws:iam::1:user/x" : nil)
            }
        }
        let inputs = shards.enumerated().map { index, report in
            ReportMerger.Input(
                name: "\(index)",
                data: Data(ReportRenderer.render(report, format: .json, options: ReportOptions()).utf8))
        }
        let merged = try ReportMerger().merge(inputs)
        #expect(merged.liveKeys == 1)
        let document = try #require(try JSONDecoder().decode(ReportJSON.self, from: Data(merged.text.utf8)).object)
        let keys = document["keys"]?.array ?? []
        let shared = try #require(keys.first { $0["key_id"]?.string == sharedID })
        #expect(shared["verification"]?["status"] == .string("live"))
        let wholeKey = try #require(scans.whole.keys.first { $0.keyID == sharedID })
        #expect(shared["locations"]?.array?.count == wholeKey.locations.count)
        #expect(keys.compactMap { $0["key_id"]?.string } == scans.whole.keys.map(\.keyID))
    }

    /// The merged report without its `merged` record, rendered again.
    static func withoutMergeRecord(_ text: String, format: ReportFormat) -> String {
        guard var document = try? JSONDecoder().decode(ReportJSON.self, from: Data(text.utf8)).object else { return "" }
        if format == .json {
            document["merged"] = nil
        } else if var run = document["runs"]?.array?.first?.object, var properties = run["properties"]?.object {
            properties["merged"] = nil
            run["properties"] = .object(properties)
            document["runs"] = .array([.object(run)])
        }
        return ReportJSON.object(document).rendered()
    }

    static func mergeRecord(_ text: String, format: ReportFormat) -> ReportJSON? {
        let document = try? JSONDecoder().decode(ReportJSON.self, from: Data(text.utf8))
        return format == .json ? document?["merged"] : document?["runs"]?.array?.first?["properties"]?["merged"]
    }
}
