import ArgumentParser
import KeywardGit
import KeywardScan

/// `--staged`, `--since REF`, `--range A..B`, `--history`: scan what git holds instead of files.
struct GitModeOptions: ParsableArguments {
    @Flag(help: "Scan only the lines the index adds against HEAD (pre-commit).")
    var staged = false

    @Option(help: "Scan the lines added by the commits in REF..HEAD (CI on a push).")
    var since: String?

    @Option(help: "Scan the lines added by the commits in A..B (CI on a pull request).")
    var range: String?

    @Flag(help: "Scan every blob ever committed, each once, attributed to the commit that introduced it.")
    var history = false

    /// The mode asked for, or nil for a file scan.
    var mode: GitScanMode? {
        if staged { return .staged }
        if let since { return .since(since) }
        if let range { return .range(range) }
        if history { return .history }
        return nil
    }

    func validate() throws {
        let count = [staged, since != nil, range != nil, history].filter { $0 }.count
        if count > 1 { throw ValidationError("choose one of --staged, --since, --range, --history") }
    }

    /// Loads `setup` with the config read from the commit `mode` is judged by (unless `--config`
    /// names a file), then runs the git scan with the engine; says where the config came from.
    func scan(
        _ mode: GitScanMode, repositoryPath: String, setup: ScanSetup, threads: Int?, shard: Shard? = nil
    ) throws -> (loaded: ScanSetup.Loaded, output: ScanOutput, config: ConfigProvenance) {
        let repository = try GitRepository(path: repositoryPath)
        // Resolved once: the config and the scan read the same commits.
        let target = try GitScanTarget.resolve(mode, in: repository)
        let committed = try CommittedConfig.read(for: target, in: repository)
        var setup = setup
        let provenance: ConfigProvenance
        if let file = setup.configPath {
            provenance = ConfigProvenance(source: "file", path: file, found: true, editedByChange: committed.editedByChange)
        } else {
            setup.configContents = committed.text ?? ""
            setup.configLabel = "\(committed.commit.map { String($0.prefix(12)) } ?? "HEAD"):\(CommittedConfig.path)"
            provenance = ConfigProvenance(
                source: committed.commit == nil ? "none" : "commit", path: CommittedConfig.path,
                commit: committed.commit, found: committed.text != nil, editedByChange: committed.editedByChange)
        }
        let loaded = try setup.load()
        var output = try scan(target, repository: repository, engine: loaded.engine, threads: threads, shard: shard)
        output.result.findings = loaded.withoutAllowlistedPaths(output.result.findings)
        return (loaded, output, provenance)
    }

    /// Runs the git scan of `repository` with the engine as its content scanner.
    func scan(
        _ target: GitScanTarget, repository: GitRepository, engine: ScanEngine, threads: Int?, shard: Shard? = nil
    ) throws -> ScanOutput {
        let scanner: ContentScanner = { content, path in
            let result = engine.scan(content: content, path: path)
            return (result.findings, result.issues)
        }
        var git = threads.map { GitScanner(repository: repository, scanner: scanner, parallelism: $0) }
            ?? GitScanner(repository: repository, scanner: scanner)
        git.shard = shard
        let result = try git.scan(target)
        var output = ScanOutput()
        output.result.findings = result.findings
        output.result.issues = result.issues
        output.skipped = result.skipped
        output.files = result.filesScanned
        output.bytes = result.bytesScanned
        return output
    }
}
