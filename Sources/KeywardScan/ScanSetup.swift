import Foundation

/// Everything a scan needs before it reads a file: the rule pack (default, `--rules`, config), the
/// config file and the baseline, loaded and compiled once.
public struct ScanSetup: Sendable {
    /// Extra rule files or directories (`--rules`).
    public var rulePaths: [String] = []
    /// Use only `rulePaths` (and config rules), not the built-in pack.
    public var noDefaultRules = false
    /// `--config FILE`; default: `.keyward.toml` at `root` when it exists.
    public var configPath: String?
    /// The config text itself (git modes read it from a commit), used when `configPath` is nil;
    /// an empty string means "no config". When set, no `.keyward.toml` is looked for on disk.
    public var configContents: String?
    /// Labels `configContents` in error messages, e.g. `1a2b3c4:.keyward.toml`.
    public var configLabel = ".keyward.toml"
    /// The scan root, where the default config is looked for.
    public var root = "."
    /// `--baseline FILE`.
    public var baselinePath: String?
    /// Engine tunables.
    public var engineOptions = ScanEngine.Options()

    /// Creates a setup with defaults.
    public init() {}

    /// What loading produced.
    public struct Loaded: Sendable {
        /// The compiled engine.
        public var engine: ScanEngine
        /// The config in force (empty when there is none).
        public var config: KeywardConfig
        /// The baseline, when given.
        public var baseline: Baseline?
        /// The config file read, if any: it holds rule examples, so scans skip it (listed as skipped).
        public var configFile: String?
        /// The rules in force.
        public var rules: [Rule] = []
        /// `sha256:` of the rules in force and the config allowlist (a shard report's `rules`);
        /// computed when asked, so scans without `--shard` do not hash the pack.
        public var rulesDigest: String { ShardInfo.rulesDigest(rules, allowlist: config.allowlist) }

        /// Drops findings in paths the config allowlists (the file walker skips them itself; git
        /// modes read blobs, so they filter here). Uses the engine's compiled allowlist.
        public func withoutAllowlistedPaths(_ findings: [Finding]) -> [Finding] {
            guard !engine.allowlist.paths.isEmpty else { return findings }
            let matcher = PCRE2Matcher()
            return findings.filter { !engine.allowlist.allows(path: $0.path, matcher: matcher) }
        }

        /// Runner options for a file scan of `roots` under this setup (the config file excluded).
        public func runnerOptions(roots: [String]) -> ScanRunner.Options {
            var options = ScanRunner.Options()
            options.roots = roots
            options.excludedFiles = configFile.map { [$0] } ?? []
            return options
        }
    }

    /// The rules in force: pack, `--rules`, config additions, minus disabled rules.
    public func rules(config: KeywardConfig) throws(ScanError) -> [Rule] {
        var rules = noDefaultRules ? [] : RuleLoader.defaultRules()
        for path in rulePaths {
            rules = RuleLoader.merge(rules, with: try RuleLoader.rules(atPath: path))
        }
        return config.apply(to: rules)
    }

    /// Loads config, rules and baseline and compiles the engine; errors name file and line.
    public func load() throws(ScanError) -> Loaded {
        let config = try loadConfig()
        let rules = try rules(config: config)
        let engine = try ScanEngine(rules: rules, allowlist: config.allowlist, options: engineOptions)
        let baseline = try baselinePath.map { path throws(ScanError) in try Baseline.load(path: path) }
        var loaded = Loaded(engine: engine, config: config, baseline: baseline, configFile: configFilePath())
        loaded.rules = rules
        return loaded
    }

    /// The config file in force, if any.
    public func loadConfig() throws(ScanError) -> KeywardConfig {
        if configPath == nil, let configContents { return try KeywardConfig.parse(configContents, path: configLabel) }
        guard let path = configFilePath() else { return KeywardConfig() }
        return try KeywardConfig.load(path: path)
    }

    /// `--config`, else `.keyward.toml` at the scan root when it exists.
    public func configFilePath() -> String? {
        if let configPath { return configPath }
        if configContents != nil { return nil }
        var isDirectory: ObjCBool = false
        let base = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
            ? root : (root as NSString).deletingLastPathComponent
        let candidate = (base.isEmpty ? "." : base) + "/.keyward.toml"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }
}
