import Crypto

/// What a shard's report records so that `keyward merge` can check its reports belong together:
/// which shard it is, and digests of the rule pack and of the scan settings (roots, mode, options).
public struct ShardInfo: Sendable, Hashable {
    /// This report's shard.
    public var shard: Shard
    /// `sha256:` of the rules in force (pack, `--rules`, config changes and allowlist).
    public var rules: String
    /// `sha256:` of everything else that decides what is scanned and reported (see ``settingsDigest(_:)``).
    public var settings: String

    /// Creates the record.
    public init(shard: Shard, rules: String, settings: String) {
        self.shard = shard
        self.rules = rules
        self.settings = settings
    }

    /// `sha256:` of the settings, each a `name=value` line (the CLI lists mode, roots as given,
    /// options and keyward's version): equal settings give equal digests on every machine.
    public static func settingsDigest(_ settings: [String]) -> String {
        digest(settings.joined(separator: "\n"))
    }

    /// `sha256:` of the rules and the config allowlist, field by field in a fixed order.
    static func rulesDigest(_ rules: [Rule], allowlist: RuleAllowlist) -> String {
        var lines: [String] = []
        for rule in rules {
            lines.append(
                [
                    "rule", rule.id, rule.description, rule.severity.rawValue, rule.regex,
                    rule.keywords.joined(separator: ","), String(rule.secretGroup), String(rule.minEntropy),
                    rule.aws?.rawValue ?? "", String(rule.maxLength), String(rule.binary), rule.binaryRegex ?? "",
                ].joined(separator: "\u{1}"))
            lines.append("rule-allowlist\u{1}" + fields(rule.allowlist))
        }
        lines.append("allowlist\u{1}" + fields(allowlist))
        return digest(lines.joined(separator: "\n"))
    }

    private static func fields(_ allowlist: RuleAllowlist) -> String {
        [allowlist.regexes, allowlist.stopwords, allowlist.paths].map { $0.joined(separator: "\u{2}") }
            .joined(separator: "\u{1}")
    }

    private static func digest(_ text: String) -> String {
        "sha256:" + Fingerprint.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
