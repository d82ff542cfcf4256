import Foundation

/// Reads rule files (`rules/*.toml`, `--rules PATH`, `[[rules]]` in `.keyward.toml`) into ``Rule`` values.
public enum RuleLoader {
    /// Parses the rules of one TOML document; `path` labels errors and each rule's origin.
    public static func rules(fromTOML text: String, path: String) throws(ScanError) -> [Rule] {
        let spec = try TOMLDocument.decode(RuleFileSpec.self, text: text, path: path)
        return try rules(from: spec.rules ?? [], text: text, path: path)
    }

    static func rules(from specs: [RuleSpec], text: String, path: String) throws(ScanError) -> [Rule] {
        var result: [Rule] = []
        let headers = TOMLDocument.arrayHeaderLines("rules", in: text)
        for (index, spec) in specs.enumerated() {
            let line = index < headers.count
                ? headers[index] : TOMLDocument.lineOf(codingPath: [Key("rules"), Key(index)], key: nil, in: text)
            result.append(try rule(from: spec, path: path, line: line))
        }
        return result
    }

    /// Checks one rule as written and builds it; `path` and `line` (its `[[rules]]` header) name its origin.
    static func rule(from spec: RuleSpec, path: String, line: Int) throws(ScanError) -> Rule {
        guard let severity = Severity(rawValue: spec.severity.lowercased()) else {
            throw .invalidFile(
                path: path, line: line,
                message: "rule '\(spec.id)': severity must be low, medium, high or critical")
        }
        var role: Rule.AWSRole?
        if let aws = spec.aws {
            guard let parsed = Rule.AWSRole(rawValue: aws) else {
                throw .invalidFile(
                    path: path, line: line,
                    message: "rule '\(spec.id)': aws must be key-id, secret or session-token")
            }
            role = parsed
        }
        guard !spec.id.isEmpty, !spec.regex.isEmpty else {
            throw .invalidFile(path: path, line: line, message: "rule needs a non-empty id and regex")
        }
        for keyword in spec.keywords ?? [] where !KeywordPrefilter.isUsable(keyword: keyword) {
            throw .invalidFile(
                path: path, line: line,
                message: "rule '\(spec.id)': keyword '\(keyword)' must be at least two ASCII characters")
        }
        return Rule(
            id: spec.id, description: spec.description, severity: severity, regex: spec.regex,
            keywords: spec.keywords ?? [], secretGroup: spec.secret_group ?? 0,
            minEntropy: spec.entropy ?? 0, aws: role, maxLength: spec.max_length ?? 1024,
            singleLine: spec.single_line ?? false,
            binary: spec.binary ?? (spec.binary_regex != nil), binaryRegex: spec.binary_regex,
            allowlist: spec.allowlist?.model ?? RuleAllowlist(), examples: spec.examples ?? [],
            negativeExamples: spec.negative_examples ?? [], origin: "\(path):\(line)")
    }

    /// Loads a rule file, or every `*.toml` in a directory (sorted by name).
    public static func rules(atPath path: String) throws(ScanError) -> [Rule] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidFile(path: path, line: 1, message: "no such rule file or directory")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .invalidFile(path: path, line: 1, message: "cannot list rule directory: \(error.localizedDescription)")
            }
            files = names.filter { $0.hasSuffix(".toml") }.sorted().map { path + "/" + $0 }
        }
        var rules: [Rule] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .invalidFile(path: file, line: 1, message: "cannot read")
            }
            rules += try Self.rules(fromTOML: String(decoding: data, as: UTF8.self), path: file)
        }
        return rules
    }

    /// The default pack compiled into the binary (decoded from `rules/` by `make rules`; see
    /// scripts/embed-rules.py), checked like any rule file but with no TOML to parse at start-up.
    public static func defaultRules() -> [Rule] {
        var rules: [Rule] = []
        for file in DefaultRulePack.files {
            for (line, spec) in file.rules {
                // The embedded pack is checked by the test suite; a failure here is a build defect.
                do {
                    rules.append(try rule(from: spec, path: "rules/" + file.name, line: line))
                } catch {
                    preconditionFailure("embedded rule pack is invalid: \(error)")
                }
            }
        }
        return rules
    }

    /// Merges rule lists: a later rule with the same id replaces the earlier one.
    public static func merge(_ base: [Rule], with extra: [Rule]) -> [Rule] {
        var result = base
        for rule in extra {
            if let index = result.firstIndex(where: { $0.id == rule.id }) {
                result[index] = rule
            } else {
                result.append(rule)
            }
        }
        return result
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ string: String) { stringValue = string }
        init(_ int: Int) {
            stringValue = String(int)
            intValue = int
        }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(intValue) }
    }
}
