/// An allowlist with its patterns compiled.
struct CompiledAllowlist: Sendable {
    let regexes: [PCRE2Pattern]
    let stopwords: [String]
    let paths: [PCRE2Pattern]

    init(_ allowlist: RuleAllowlist, origin: String, ruleID: String) throws(ScanError) {
        do {
            regexes = try allowlist.regexes.map { try PCRE2Pattern($0) }
            paths = try allowlist.paths.map { try PCRE2Pattern($0) }
        } catch {
            throw .invalidPattern(origin: origin, ruleID: ruleID, message: "allowlist: \(error)")
        }
        stopwords = allowlist.stopwords.map { $0.lowercased() }
    }

    /// True when the secret is allowed by a regex or stopword.
    func allows(secret: String, matcher: PCRE2Matcher) -> Bool {
        if !stopwords.isEmpty {
            let lower = secret.lowercased()
            if stopwords.contains(where: { lower.contains($0) }) { return true }
        }
        return regexes.contains { matcher.matches($0, secret) }
    }

    /// True when the relative path is allowed.
    func allows(path: String, matcher: PCRE2Matcher) -> Bool {
        paths.contains { matcher.matches($0, path) }
    }
}
