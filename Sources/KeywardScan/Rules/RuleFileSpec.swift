/// The on-disk shape of a rule file (`rules/*.toml`) and of `[[rules]]` in `.keyward.toml`.
struct RuleFileSpec: Decodable {
    var rules: [RuleSpec]?
}

/// One `[[rules]]` table as written.
struct RuleSpec: Decodable {
    var id: String
    var description: String
    var severity: String
    var regex: String
    var secret_group: Int?
    var keywords: [String]?
    var entropy: Double?
    var aws: String?
    var max_length: Int?
    var single_line: Bool?
    var binary: Bool?
    var binary_regex: String?
    var examples: [String]?
    var negative_examples: [String]?
    var allowlist: AllowlistSpec?
}

/// An `[allowlist]` / `[rules.allowlist]` table as written.
struct AllowlistSpec: Decodable {
    var regexes: [String]?
    var stopwords: [String]?
    var paths: [String]?

    var model: RuleAllowlist {
        RuleAllowlist(regexes: regexes ?? [], stopwords: stopwords ?? [], paths: paths ?? [])
    }
}
