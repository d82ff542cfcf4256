import ArgumentParser
import KeywardScan

/// `scan --shard I/N`: the option, its checks, and what a shard's report records.
struct ShardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Scan only shard I of N (1-based): files by a hash of their path, --history blobs by id. "
                + "`keyward merge` joins the N reports.", valueName: "I/N"))
    var shard: String?

    /// The parsed shard; a bad value is a usage error (exit 2) with a one-line message.
    func parsed() throws -> Shard? {
        guard let shard else { return nil }
        do {
            return try Shard(parsing: shard)
        } catch {
            throw CLIExit(code: ExitStatus.error, message: "keyward: \(error)")
        }
    }
}

extension ScanCommand {
    /// Refuses what a shard cannot do: `--remediate` must see every place a key is used.
    func checkShard(_ shard: Shard?) throws {
        guard let shard, remediation.remediate else { return }
        throw CLIExit(
            code: ExitStatus.error,
            message: "keyward: --remediate with --shard \(shard): a shard sees only part of the input, and a rotation "
                + "must replace the key everywhere it is used; scan the shards with --format json, join them with "
                + "`keyward merge`, then run `keyward scan --remediate` (or `keyward rotate KEY_ID`) on the whole input"
        )
    }

    /// The report's shard record: index, count, and digests of the rules and the settings that
    /// decide what the shards scan (merge refuses reports whose records disagree).
    func shardInfo(_ shard: Shard, loaded: ScanSetup.Loaded, roots: [String]) -> ShardInfo {
        let mode: String
        switch git.mode {
        case nil: mode = "files"
        case .staged: mode = "staged"
        case .since(let ref): mode = "since:" + ref
        case .range(let range): mode = "range:" + range
        case .history: mode = "history"
        }
        let settings = [
            "keyward=" + KeywardVersion.current, "count=\(shard.count)", "mode=" + mode,
            "roots=" + roots.joined(separator: "\u{0}"), "include-examples=\(includeExamples)",
            "follow-symlinks=\(followSymlinks)", "no-archives=\(noArchives)",
            "baseline=" + (loaded.baseline.map { ShardInfo.settingsDigest($0.fingerprints) } ?? "none"),
        ]
        return ShardInfo(shard: shard, rules: loaded.rulesDigest, settings: ShardInfo.settingsDigest(settings))
    }
}
