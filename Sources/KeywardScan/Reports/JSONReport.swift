import Foundation

/// keyward's JSON report, version 1 (DESIGN.md), plus the compatible `summary` and `errors`.
struct JSONReport {
    let report: ScanReport
    let options: ReportOptions
    /// The report's keys by ID (remediation and canary marks on findings).
    let keys: [String: KeyReport]

    init(report: ScanReport, options: ReportOptions) {
        self.report = report
        self.options = options
        keys = report.keyIndex()
    }

    func render() -> String {
        document().rendered()
    }

    func document() -> ReportJSON {
        guard case .object(var members) = base() else { return base() }
        if let config = report.config {
            members["config"] = .object([
                "source": .string(config.source),
                "path": .string(config.path),
                "commit": .optional(config.commit),
                "found": .bool(config.found),
                "edited_by_change": .bool(config.editedByChange),
            ])
        }
        if let shard = report.shard { members["shard"] = Self.shard(shard) }
        return .object(members)
    }

    /// `{"index": 1, "count": 3, "rules": "sha256:…", "settings": "sha256:…"}` (also SARIF's run property).
    static func shard(_ info: ShardInfo) -> ReportJSON {
        .object([
            "index": .int(info.shard.index),
            "count": .int(info.shard.count),
            "rules": .string(info.rules),
            "settings": .string(info.settings),
        ])
    }

    /// The version-1 document and its compatible additions (`summary`, `errors`).
    private func base() -> ReportJSON {
        .object([
            "version": .int(1),
            "scanned": .object([
                "files": .int(report.filesScanned),
                "bytes": .int(report.bytesScanned),
                "skipped": .array(
                    report.skipped.map { skipped in
                        var entry: [String: ReportJSON] = ["path": .string(skipped.path), "reason": .string(skipped.reason)]
                        if let bytes = skipped.pathBytes { entry["path_bytes"] = .string(Self.base64(bytes)) }
                        if skipped.isError { entry["error"] = .bool(true) }
                        return .object(entry)
                    }),
            ]),
            "findings": .array(report.findings.map(finding)),
            "keys": .array(report.keys.map(key)),
            "summary": .object([
                "suppressed_examples": .int(report.suppressedExamples),
                "suppressed_baseline": .int(report.suppressedByBaseline),
                "suppressed_allowlist": .int(report.suppressedByAllowlist),
                "elapsed_seconds": .double(Self.milliseconds(report.elapsedSeconds)),
            ]),
            "errors": .array(
                report.errors.map { issue in
                    .object([
                        "rule_id": .optional(issue.ruleID),
                        "path": .string(issue.path),
                        "message": .string(issue.message),
                    ])
                }),
        ])
    }

    func finding(_ finding: Finding) -> ReportJSON {
        var object: [String: ReportJSON] = [
            "rule_id": .string(finding.ruleID),
            "description": .string(finding.description),
            "severity": .string(finding.severity.rawValue),
            "path": .string(finding.path),
            "line": .int(finding.line),
            "column": .int(finding.column),
            "end_line": .int(finding.endLine),
            "end_column": .int(finding.endColumn),
            "match": .string(finding.displayedMatch(showSecrets: options.showSecrets)),
            "fingerprint": .string(finding.fingerprint),
        ]
        if let keyID = finding.keyID { object["key_id"] = .string(keyID) }
        if let offset = finding.byteOffset { object["byte_offset"] = .int(offset) }
        if let bytes = finding.pathBytes { object["path_bytes"] = .string(Self.base64(bytes)) }
        if let order = finding.shardOrder { object["shard_order"] = .int(order) }
        if let commit = finding.commit {
            object["commit"] = .object([
                "sha": .string(commit.sha),
                "author": .string(commit.author),
                "email": .string(commit.email),
                "date": .string(commit.date),
            ])
        }
        if let keyID = finding.keyID, keys[keyID]?.remediation != nil { object["remediated"] = .bool(true) }
        if options.showSecrets { object["secret"] = .string(finding.secret) }
        return .object(object)
    }

    func key(_ key: KeyReport) -> ReportJSON {
        var object: [String: ReportJSON] = [
            "key_id": .string(key.keyID),
            "kind": .string(key.kind),
            "account": .optional(key.account),
            "secret_found": .bool(key.secretFound),
            "locations": .array(
                key.locations.map { location in
                    var entry: [String: ReportJSON] = ["path": .string(location.path), "line": .int(location.line)]
                    if let commit = location.commit { entry["commit"] = .string(commit) }
                    return .object(entry)
                }),
        ]
        // Through KeyVerification's own CodingKeys, so a field added there shows up here too.
        if let verification = key.verification, let encoded = ReportJSON.from(verification) {
            object["verification"] = encoded
        }
        if key.canary { object["canary"] = .bool(true) }
        if let remediation = key.remediation, let encoded = ReportJSON.from(remediation) {
            object["remediation"] = encoded
        }
        if options.showSecrets, let secret = key.secret { object["secret"] = .string(secret) }
        return .object(object)
    }

    /// A path's raw bytes for `path_bytes` (names that are not valid UTF-8).
    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Seconds rounded to the millisecond, so the JSON does not print float noise.
    static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }
}
