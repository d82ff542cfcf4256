import ArgumentParser
import Foundation
import KeywardScan

/// `keyward merge REPORT…`: the JSON or SARIF reports of a sharded scan, joined into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON or SARIF reports of `scan --shard I/N` into the report of the whole scan.",
        discussion: """
            Every shard, 1 to N, must be given once, all from one scan (same rules, paths, options and \
            keyward version). Exits like `scan`: 1 when the merged report has findings that fail \
            (--fail-on), 0 when not, 2 on an error or when a shard could not scan everything.
            """)

    @Argument(help: "The shards' reports (keyward JSON or SARIF, all of one format).")
    var reports: [String]

    @Option(help: "Output format: json or sarif (default: the reports' own; SARIF reports merge to SARIF only).")
    var format: MergeFormat?

    @Option(help: ArgumentHelp("Write the merged report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Merge even when shards are missing (the report lists them under merged.missing).")
    var allowPartial = false

    @Flag(help: "Exit as if complete when a shard reports a rule error or an unreadable file.")
    var allowErrors = false

    @Option(help: "What fails: any finding, live keys (JSON reports of --verify scans), or unremediated findings.")
    var failOn: AWSOptions.FailOn = .any

    @Option(help: "Exit status when the merged report has failing findings.")
    var exitCode: Int32 = ExitStatus.leaks

    enum MergeFormat: String, ExpressibleByArgument, CaseIterable {
        case json, sarif
    }

    func run() throws {
        let inputs = try reports.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIExit(code: ExitStatus.error, message: "keyward: \(path): cannot read the report")
            }
            return ReportMerger.Input(name: path, data: data)
        }
        let merged: MergedReport
        do {
            merged = try ReportMerger(allowPartial: allowPartial).merge(
                inputs, format: format.flatMap { ReportFormat(rawValue: $0.rawValue) },
                options: ReportOptions(toolVersion: KeywardVersion.current))
        } catch {
            throw CLIExit.failure(error)
        }
        if failOn == .live && merged.liveKeys == nil {
            throw CLIExit(
                code: ExitStatus.error,
                message:
                    "keyward: --fail-on live: SARIF reports do not record verification; merge the shards' JSON reports")
        }
        // Shards scanned with --show-secrets carry their secrets into the merge: written 0600.
        try ReportWriter.write(merged.text, to: output, holdsSecrets: true)
        if !merged.missing.isEmpty {
            let list = merged.missing.map(String.init).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("keyward: partial merge: shard(s) \(list) of \(merged.count) missing (--allow-partial)\n".utf8))
        }
        if merged.isIncomplete && !allowErrors {
            throw CLIExit(
                code: ExitStatus.error,
                message: "keyward: merged scan incomplete (a shard reports rule errors or unreadable files; see the "
                    + "report): exit 2; --allow-errors exits as if the scan were complete")
        }
        let failing: Bool
        switch failOn {
        case .any: failing = merged.findings > 0
        case .live: failing = (merged.liveKeys ?? 0) > 0
        case .unremediated: failing = merged.unremediatedFindings > 0
        }
        if failing { throw CLIExit(code: exitCode) }
    }
}
