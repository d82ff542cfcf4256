import Foundation

/// `.keyward.toml` at the scan root (or `--config FILE`): rules to disable, rules to add, and what
/// to allow (paths, values, stopwords).
///
/// ```toml
/// disabled_rules = ["generic-secret"]
/// [allowlist]
/// paths = ['''^vendor/''', '''(^|/)testdata/''']
/// regexes = ['''^dummy''']
/// stopwords = ["placeholder"]
/// [[rules]]          # same shape as rules/*.toml
/// id = "internal-token"
/// ...
/// ```
public struct KeywardConfig: Sendable {
    /// Rule ids to drop from the pack.
    public var disabledRules: [String] = []
    /// Paths, values and stopwords allowed everywhere.
    public var allowlist = RuleAllowlist()
    /// Extra rules (a rule with a pack rule's id replaces it).
    public var rules: [Rule] = []

    /// An empty config.
    public init() {}

    private struct Spec: Decodable {
        var disabled_rules: [String]?
        var allowlist: AllowlistSpec?
        var rules: [RuleSpec]?
    }

    /// Reads a config file; errors name the file and line.
    public static func load(path: String) throws(ScanError) -> KeywardConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidFile(path: path, line: 1, message: "cannot read config")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses config text; `path` labels errors (a file path, or `COMMIT:.keyward.toml` in git modes).
    public static func parse(_ text: String, path: String) throws(ScanError) -> KeywardConfig {
        let spec = try TOMLDocument.decode(Spec.self, text: text, path: path)
        var config = KeywardConfig()
        config.disabledRules = spec.disabled_rules ?? []
        config.allowlist = spec.allowlist?.model ?? RuleAllowlist()
        config.rules = try RuleLoader.rules(from: spec.rules ?? [], text: text, path: path)
        return config
    }

    /// The pack with this config applied: extra rules merged, disabled rules removed.
    public func apply(to pack: [Rule]) -> [Rule] {
        RuleLoader.merge(pack, with: rules).filter { !disabledRules.contains($0.id) }
    }
}
