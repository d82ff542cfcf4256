import Foundation

/// Joins the JSON or SARIF reports of a sharded scan (`scan --shard I/N`) into the report the
/// unsharded scan writes: findings deduplicated and in the scan's order, keys regrouped, skipped
/// files listed once, counts summed. Refuses reports that are not shards of one scan, and a set
/// with a shard missing unless ``allowPartial``.
public struct ReportMerger: Sendable {
    /// Merge even when shards are missing (the result lists them under `merged.missing`).
    public var allowPartial = false

    /// Creates a merger.
    public init(allowPartial: Bool = false) {
        self.allowPartial = allowPartial
    }

    /// One report to merge: a name for messages (its file) and its bytes.
    public struct Input: Sendable {
        /// Names the report in error messages.
        public var name: String
        /// The report's JSON text.
        public var data: Data

        /// Creates an input.
        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// A parsed input and what its shard record says.
    struct Parsed {
        var name: String
        var format: ReportFormat
        var document: [String: ReportJSON]
        var index: Int
        var count: Int
        var rules: String?
        var settings: String?
        var scan: ReportJSON?
    }

    /// Merges `inputs` into `format` (default: the inputs' own). JSON reports merge to JSON or
    /// SARIF (rendered with `options`); SARIF reports only to SARIF, since they do not carry keys,
    /// verification or commit e-mails.
    public func merge(
        _ inputs: [Input], format: ReportFormat? = nil, options: ReportOptions = ReportOptions()
    ) throws(MergeError) -> MergedReport {
        guard !inputs.isEmpty else { throw .noReports }
        let parsed = try inputs.map(Self.parse).sorted { $0.index < $1.index }
        let first = parsed[0]
        let output = format ?? first.format
        guard output == first.format || (first.format == .json && output == .sarif) else {
            throw .conversion(from: first.format.rawValue, to: output.rawValue)
        }
        try Self.checkOneScan(parsed)
        var seen: [Int: String] = [:]
        for report in parsed {
            if let other = seen[report.index] {
                throw .duplicateShard(index: report.index, names: [other, report.name])
            }
            seen[report.index] = report.name
        }
        let missing = (1...first.count).filter { seen[$0] == nil }
        if !missing.isEmpty && !allowPartial { throw .missingShards(missing, count: first.count) }
        var merged: [String: ReportJSON] = [
            "count": .int(first.count),
            "shards": .array(parsed.map { .int($0.index) }),
            "missing": .array(missing.map { .int($0) }),
        ]
        if let rules = first.rules { merged["rules"] = .string(rules) }
        if let settings = first.settings { merged["settings"] = .string(settings) }
        let documents = parsed.map(\.document)
        var result =
            first.format == .json
            ? try Self.mergeJSON(documents, merged: .object(merged), output: output, options: options)
            : Self.mergeSARIF(documents, merged: .object(merged))
        result.count = first.count
        result.shards = parsed.map(\.index)
        result.missing = missing
        return result
    }

    /// Parses one input and reads its shard record (a report without one is shard 1 of 1).
    static func parse(_ input: Input) throws(MergeError) -> Parsed {
        let value: ReportJSON
        do {
            value = try JSONDecoder().decode(ReportJSON.self, from: input.data)
        } catch {
            throw .notAReport(name: input.name, reason: "not JSON")
        }
        guard let document = value.object else { throw .notAReport(name: input.name, reason: "not a JSON object") }
        let format: ReportFormat
        let record: ReportJSON?
        let merged: ReportJSON?
        let scan: ReportJSON?
        if document["version"]?.int == 1, document["findings"]?.array != nil, document["scanned"]?.object != nil {
            format = .json
            (record, merged, scan) = (document["shard"], document["merged"], document["config"])
        } else if document["version"]?.string == "2.1.0", let runs = document["runs"]?.array {
            guard runs.count == 1, let run = runs[0].object, run["results"]?.array != nil,
                run["tool"]?["driver"]?["name"]?.string == "keyward"
            else { throw .notAReport(name: input.name, reason: "a SARIF file with one keyward run expected") }
            format = .sarif
            (record, merged, scan) = (
                run["properties"]?["shard"], run["properties"]?["merged"], run["versionControlProvenance"]
            )
        } else {
            throw .notAReport(
                name: input.name, reason: "neither version-1 JSON (\"scanned\", \"findings\") nor SARIF 2.1.0")
        }
        if merged != nil { throw .alreadyMerged(name: input.name) }
        guard let record else {
            return Parsed(name: input.name, format: format, document: document, index: 1, count: 1, scan: scan)
        }
        guard let index = record["index"]?.int, let count = record["count"]?.int, count >= 1 else {
            throw .notAReport(name: input.name, reason: "its \"shard\" record has no index and count")
        }
        guard (1...count).contains(index) else { throw .indexOutOfRange(name: input.name, index: index, count: count) }
        return Parsed(
            name: input.name, format: format, document: document, index: index, count: count,
            rules: record["rules"]?.string, settings: record["settings"]?.string, scan: scan)
    }

    /// Every report has the first one's format, shard count, rules, settings, and config or commit.
    static func checkOneScan(_ parsed: [Parsed]) throws(MergeError) {
        let first = parsed[0]
        for report in parsed.dropFirst() {
            if report.format != first.format {
                throw .mixedFormats(
                    first: first.name, firstFormat: first.format.rawValue, other: report.name,
                    otherFormat: report.format.rawValue)
            }
            if report.count != first.count {
                throw .differentCount(
                    name: report.name, count: report.count, first: first.name, firstCount: first.count)
            }
            if report.rules != first.rules {
                throw .differentScan(name: report.name, first: first.name, what: "rules (rule pack, --rules or config)")
            }
            if report.settings != first.settings {
                throw .differentScan(
                    name: report.name, first: first.name,
                    what: "settings (mode, paths, baseline, archive/symlink/example options or keyward version)")
            }
            if report.scan != first.scan {
                throw .differentScan(
                    name: report.name, first: first.name,
                    what: first.format == .json ? "config (the committed .keyward.toml)" : "repository revisions")
            }
        }
    }
}

/// A merged report, rendered, and what decides `keyward merge`'s exit status.
public struct MergedReport: Sendable {
    /// The format written (the inputs' own).
    public var format: ReportFormat
    /// The merged report, ending with a newline.
    public var text: String
    /// Findings in the merged report.
    public var findings = 0
    /// Findings not covered by a recorded rotation (no key, or a key without `remediation`).
    public var unremediatedFindings = 0
    /// Keys `--verify` found live; nil for SARIF, which does not record verification.
    public var liveKeys: Int?
    /// A rule error or an unreadable file in some shard: the merged scan is incomplete.
    public var isIncomplete = false
    /// N, the number of shards of the scan.
    public var count = 1
    /// The shard indexes merged, ascending.
    public var shards: [Int] = []
    /// Shards not given (only with ``ReportMerger/allowPartial``).
    public var missing: [Int] = []

    /// Creates a result.
    public init(format: ReportFormat, text: String) {
        self.format = format
        self.text = text
    }
}
