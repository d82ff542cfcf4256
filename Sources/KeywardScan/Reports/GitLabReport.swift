import Crypto
import Foundation

/// GitLab's secret-detection report (security-report-schemas 15.x), for `artifacts:reports:
/// secret_detection`. Secrets are always redacted: `raw_source_code_extract` is never written.
///
/// Follows schema 15: no `category`, `cve`, `scanner` or `confidence` on vulnerabilities (15.0.0
/// removed them); every location carries a `commit` (`0000000` outside git modes, as GitLab's own
/// analyzer does).
struct GitLabReport {
    let report: ScanReport
    let options: ReportOptions
    /// The report's keys by ID (remediation and canary marks on findings).
    let keys: [String: KeyReport]

    init(report: ScanReport, options: ReportOptions) {
        self.report = report
        self.options = options
        keys = report.keyIndex()
    }

    static let schemaVersion = "15.0.7"
    static let schemaURI =
        "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/dist/secret-detection-report-format.json"
    static let noCommit = "0000000"

    func render() -> String {
        document().rendered()
    }

    func document() -> ReportJSON {
        .object([
            "version": .string(Self.schemaVersion),
            "schema": .string(Self.schemaURI),
            "vulnerabilities": .array(report.findings.map(vulnerability)),
            "scan": scan(),
        ])
    }

    func vulnerability(_ finding: Finding) -> ReportJSON {
        var description = "\(finding.description) (keyward rule \(finding.ruleID)): \(finding.redactedSecret)"
        if let keyID = finding.pairedKeyID { description += ", paired with AWS key \(keyID)" }
        if let keyID = finding.keyID, let key = keys[keyID] {
            if let done = key.remediation { description += "; remediated: rotated at \(done.rotatedAt)" }
            if key.canary { description += "; canary (honeytoken) key" }
        }
        var commit: [String: ReportJSON] = ["sha": .string(finding.commit?.sha ?? Self.noCommit)]
        if let info = finding.commit {
            commit["author"] = .string(info.author)
            commit["date"] = .string(info.date)
        }
        return .object([
            "id": .string(Self.uuid(for: finding)),
            "name": .string(finding.description),
            "description": .string(description),
            "severity": .string(
                finding.severity.rawValue.prefix(1).uppercased() + finding.severity.rawValue.dropFirst()),
            "solution": .string(
                "Revoke and rotate this secret, move it out of the repository, and remove it from git history."
            ),
            "identifiers": .array([
                .object([
                    "type": .string("keyward_rule_id"),
                    "name": .string("keyward rule \(finding.ruleID)"),
                    "value": .string(finding.ruleID),
                ])
            ]),
            "location": .object([
                "file": .string(finding.path),
                "start_line": .int(finding.line),
                "end_line": .int(finding.endLine),
                "commit": .object(commit),
            ]),
        ])
    }

    func scan() -> ReportJSON {
        let tool: ReportJSON = .object([
            "id": .string("keyward"),
            "name": .string("keyward"),
            "version": .string(options.toolVersion),
            "vendor": .object(["name": .string("keyward")]),
        ])
        let start = options.finishedAt.addingTimeInterval(-max(0, report.elapsedSeconds))
        let messages: [ReportJSON] =
            report.errors.map { issue in
                .object([
                    "level": .string("warn"),
                    "value": .string(
                        (issue.ruleID.map { "rule \($0): " } ?? "") + "\(issue.path): \(issue.message)"
                    ),
                ])
            }
            + report.skipped.map { file in
                .object(["level": .string("info"), "value": .string("skipped \(file.path): \(file.reason)")])
            }
        var scan: [String: ReportJSON] = [
            "analyzer": tool,
            "scanner": tool,
            "type": .string("secret_detection"),
            "start_time": .string(Self.timestamp(start)),
            "end_time": .string(Self.timestamp(options.finishedAt)),
            "status": .string("success"),
        ]
        if !messages.isEmpty { scan["messages"] = .array(messages) }
        return .object(scan)
    }

    /// `yyyy-MM-ddTHH:mm:ss` in UTC, the pattern the schema demands (no zone, no fraction).
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let v = value ?? 0
            return v < 10 ? "0\(v)" : "\(v)"
        }
        let year = String(c.year ?? 1970)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(c.month))-\(two(c.day))"
            + "T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// A stable UUID-shaped ID (version 5 and RFC 4122 variant bits) from the finding's
    /// fingerprint, position and commit: the same finding keeps its ID across runs.
    static func uuid(for finding: Finding) -> String {
        let seed = "\(finding.fingerprint)\u{0}\(finding.line)\u{0}\(finding.column)\u{0}\(finding.commit?.sha ?? "")"
        var bytes = Array(SHA256.hash(data: Array(seed.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let h = String(byte, radix: 16)
            return byte < 16 ? "0" + h : h
        }.joined()
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}
