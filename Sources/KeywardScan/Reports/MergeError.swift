/// Why `keyward merge` refuses a set of reports (exit status 2): each message names the report files.
public enum MergeError: Error, CustomStringConvertible, Equatable {
    /// No report was given.
    case noReports
    /// A file is not a keyward JSON report nor a SARIF report keyward wrote.
    case notAReport(name: String, reason: String)
    /// JSON and SARIF reports in one set.
    case mixedFormats(first: String, firstFormat: String, other: String, otherFormat: String)
    /// `--format` asks for a format the reports cannot be turned into (SARIF to JSON).
    case conversion(from: String, to: String)
    /// A report that is itself a merge.
    case alreadyMerged(name: String)
    /// Reports of scans split into different numbers of shards.
    case differentCount(name: String, count: Int, first: String, firstCount: Int)
    /// Reports of scans with different rules, settings, config or commit: not shards of one scan.
    case differentScan(name: String, first: String, what: String)
    /// A shard index outside `1...N`.
    case indexOutOfRange(name: String, index: Int, count: Int)
    /// Two reports claim the same shard.
    case duplicateShard(index: Int, names: [String])
    /// Shards missing from the set (without `--allow-partial`).
    case missingShards([Int], count: Int)

    /// One line naming the files involved.
    public var description: String {
        switch self {
        case .noReports:
            return "merge: no report given"
        case .notAReport(let name, let reason):
            return "\(name): not a keyward JSON or SARIF report: \(reason)"
        case .mixedFormats(let first, let firstFormat, let other, let otherFormat):
            return "\(other) is a \(otherFormat) report but \(first) is \(firstFormat): merge reports of one format "
                + "(scan every shard with the same --format)"
        case .conversion(let from, let to):
            return "--format \(to): the reports are \(from), which do not carry keys, verification or commit "
                + "e-mails; merge them to \(from), or scan the shards with --format json (JSON merges to json or sarif)"
        case .alreadyMerged(let name):
            return "\(name) is already a merged report: merge the shards' own reports"
        case .differentCount(let name, let count, let first, let firstCount):
            return "\(name) is a shard of \(count) but \(first) of \(firstCount): not shards of one scan"
        case .differentScan(let name, let first, let what):
            return "\(name) and \(first) were scanned with different \(what): not shards of one scan"
        case .indexOutOfRange(let name, let index, let count):
            return "\(name): shard \(index) of \(count) is out of range"
        case .duplicateShard(let index, let names):
            return "shard \(index) given twice (\(names.joined(separator: ", "))): give each shard's report once"
        case .missingShards(let missing, let count):
            let list = missing.map(String.init).joined(separator: ", ")
            return "shard\(missing.count == 1 ? "" : "s") \(list) of \(count) missing: the merged report would not "
                + "cover the whole input (--allow-partial merges what is there and says what is missing)"
        }
    }
}
