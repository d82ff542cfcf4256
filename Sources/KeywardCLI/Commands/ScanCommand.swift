import ArgumentParser
import Foundation
import KeywardScan

/// `keyward scan`: files, config trees and git changes.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files and directory trees (default: .) for leaked secrets.")

    @Argument(help: "Files and directories to scan.")
    var paths: [String] = []

    @OptionGroup var rules: RuleOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Git") var git: GitModeOptions
    @OptionGroup(title: "AWS") var aws: AWSOptions
    @OptionGroup(title: "Remediation") var remediation: ScanRemediationOptions
    @OptionGroup(title: "Shards") var sharding: ShardOptions

    @Option(help: "Ignore findings whose fingerprints this baseline file records.")
    var baseline: String?

    @Option(help: "Exit status when leaks are found.")
    var exitCode: Int32 = ExitStatus.leaks

    @Flag(help: "Report AWS documentation keys (…EXAMPLE) instead of suppressing them.")
    var includeExamples = false

    @Flag(help: "Follow symbolic links (loops are detected and reported).")
    var followSymlinks = false

    @Flag(help: "Do not open archives (zip, jar, tar, gzip…): scan them as binary files.")
    var noArchives = false

    @Flag(help: "Exit as if complete when a rule or a file could not be scanned (default: exit 2 after the report).")
    var allowErrors = false

    @Option(help: "Scanning threads (default: all cores).")
    var threads: Int?

    func run() async throws {
        let started = Date()
        let roots = paths.isEmpty ? ["."] : paths
        let shard = try sharding.parsed()
        try checkShard(shard)
        var setup = rules.setup(root: roots[0])
        setup.baselinePath = baseline
        let loaded: ScanSetup.Loaded
        let scanned: ScanOutput
        var provenance: ConfigProvenance?
        do {
            if let mode = git.mode {
                guard roots.count == 1 else { throw ValidationError("git modes scan one repository") }
                (loaded, scanned, provenance) = try git.scan(
                    mode, repositoryPath: roots[0], setup: setup, threads: threads, shard: shard)
            } else {
                loaded = try setup.load()
                scanned = try runFileScan(loaded, roots: roots, shard: shard)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CLIExit.failure(error)
        }
        var report = ReportAssembler(
            includeExamples: includeExamples, baseline: loaded.baseline, extraCanaryAccounts: Set(aws.canaryAccounts)
        ).assemble(
            findings: scanned.result.findings, skipped: scanned.skipped, issues: scanned.result.issues,
            files: scanned.files, bytes: scanned.bytes, allowlisted: scanned.result.allowlisted,
            elapsed: Date().timeIntervalSince(started))
        report.config = provenance
        report.shard = shard.map { shardInfo($0, loaded: loaded, roots: roots) }
        if let note = provenance?.note { FileHandle.standardError.write(Data(("keyward: " + note + "\n").utf8)) }
        if aws.verify || remediation.remediate {
            await KeyVerificationBridge.verify(
                &report, configuration: try await aws.configuration(), mode: aws.verifyMethod,
                canaryAccounts: Set(aws.canaryAccounts))
        }
        try LedgerBridge.mark(&report, ledgers: ledgerFiles(roots: roots))
        try ReportWriter(options: output).write(report, scanRoot: roots[0])
        let remediated = try await remediate(report, roots: roots)
        if remediated != ExitStatus.clean { throw CLIExit(code: remediated) }
        if report.isIncomplete && !allowErrors { throw CLIExit.incomplete(report) }
        let failing: Bool
        switch aws.failOn {
        case .live: failing = report.keys.contains { $0.verification?.status == "live" }
        case .unremediated: failing = !LedgerBridge.unremediated(report).isEmpty
        case .any: failing = !report.findings.isEmpty
        }
        if failing { throw CLIExit(code: exitCode) }
    }

    private func runFileScan(
        _ loaded: ScanSetup.Loaded, roots: [String], shard: Shard?
    ) throws(ScanError) -> ScanOutput {
        var options = loaded.runnerOptions(roots: roots)
        options.shard = shard
        options.followSymlinks = followSymlinks
        options.archives.enabled = !noArchives
        if let threads { options.threads = threads }
        let progress = ProgressLine()
        if Terminal.stderrIsTTY { options.progress = { files, bytes in progress.update(files: files, bytes: bytes) } }
        defer { progress.finish() }
        return try ScanRunner(engine: loaded.engine, options: options).run()
    }
}
