import Foundation
@testable import KeywardScan

/// Paths and helpers shared by the scanning tests.
enum ScanTestSupport {
    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `relative` under `root`, creating folders.
    @discardableResult
    static func write(_ text: String, to relative: String, in root: URL) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// An engine over the default pack.
    static func engine(_ allowlist: RuleAllowlist = RuleAllowlist()) throws -> ScanEngine {
        try ScanEngine(rules: RuleLoader.defaultRules(), allowlist: allowlist)
    }

    /// Findings for one in-memory document.
    static func scan(_ text: String, path: String = "file.txt", engine: ScanEngine? = nil) throws -> ContentScanResult {
        let engine = try engine ?? Self.engine()
        return engine.scan(content: Array(text.utf8), path: path)
    }

    /// Scans a tree and assembles the report as the CLI does.
    static func scanTree(
        _ root: URL, setup: ScanSetup = ScanSetup(), follow: Bool = false, chunkSize: Int = 8 << 20,
        includeExamples: Bool = false, archives: ArchiveOptions = ArchiveOptions(), shard: Shard? = nil
    ) throws -> ScanReport {
        var setup = setup
        setup.root = root.path
        let loaded = try setup.load()
        var options = loaded.runnerOptions(roots: [root.path])
        options.followSymlinks = follow
        options.chunkSize = chunkSize
        options.archives = archives
        options.shard = shard
        let output = try ScanRunner(engine: loaded.engine, options: options).run()
        var report = ReportAssembler(includeExamples: includeExamples, baseline: loaded.baseline).assemble(
            findings: output.result.findings, skipped: output.skipped, issues: output.result.issues,
            files: output.files, bytes: output.bytes, allowlisted: output.result.allowlisted, elapsed: 0)
        report.shard = shard.map { ShardInfo(shard: $0, rules: loaded.rulesDigest, settings: "sha256:test") }
        return report
    }

    // Fake keys, generated at random in the shape of real ones.
    static let keyID = "AKIAMUPVX7I4Z3YWTIQC"
    static let secret = "CqGNg7PfMY3PzdNr624jhdKkkyzbbMT8peKtDN8U"
    static let otherKeyID = "AKIAKG6IMVJLHX7QNI34"
    static let otherSecret = "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"
}
