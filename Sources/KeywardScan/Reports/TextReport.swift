import Foundation

/// The human format: one line per finding, a summary, then the AWS keys.
struct TextReport {
    let report: ScanReport
    let options: ReportOptions

    func render() -> String {
        var lines: [String] = []
        if report.findings.isEmpty {
            lines.append(paint("No leaks found.", Self.green))
        } else {
            lines += report.findings.map(findingLine)
        }
        lines.append("")
        lines += summary()
        if !report.keys.isEmpty {
            lines.append("")
            lines += keysSection()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path:line:col  rule-id  severity  match[  key=ID][  commit SHA (author)]`.
    func findingLine(_ finding: Finding) -> String {
        var parts = [
            paint("\(finding.path):\(finding.line):\(finding.column)", Self.bold),
            finding.ruleID,
            paint(finding.severity.rawValue, Self.color(for: finding.severity)),
            finding.displayedMatch(showSecrets: options.showSecrets),
        ]
        if let keyID = finding.pairedKeyID {
            parts.append("key=\(keyID)")
        }
        if let offset = finding.byteOffset {
            parts.append("offset=\(offset)")
        }
        if let commit = finding.commit, let short = finding.shortCommit {
            parts.append("commit \(short) (\(commit.author))")
        }
        if finding.isExample {
            parts.append("(AWS documentation example)")
        }
        return parts.joined(separator: "  ")
    }

    func summary() -> [String] {
        let total = report.findings.count
        let counts = report.severityCounts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        var lines = ["\(total) \(total == 1 ? "finding" : "findings"): \(counts)"]
        let elapsed = String(format: "%.2f", report.elapsedSeconds)
        lines.append(
            "Scanned \(report.filesScanned) \(plural(report.filesScanned, "file")) "
                + "(\(report.bytesScanned) bytes) in \(elapsed) s."
        )
        if let shard = report.shard?.shard {
            lines.append(
                "Shard \(shard) of the input only: `keyward merge` joins the \(shard.count) shards' "
                    + "JSON or SARIF reports.")
        }
        if report.suppressedExamples > 0 {
            lines.append(
                "\(report.suppressedExamples) AWS documentation example "
                    + "\(plural(report.suppressedExamples, "key")) suppressed; --include-examples shows them."
            )
        }
        if report.suppressedByBaseline > 0 || report.suppressedByAllowlist > 0 {
            lines.append(
                "Suppressed: \(report.suppressedByBaseline) by baseline, "
                    + "\(report.suppressedByAllowlist) by allowlist."
            )
        }
        if !report.skipped.isEmpty {
            lines.append("Skipped \(report.skipped.count) \(plural(report.skipped.count, "file")):")
            lines += report.skipped.map { "  \($0.path): \($0.reason)" }
        }
        if let note = report.config?.note { lines.append(paint(note, Self.yellow)) }
        if !report.errors.isEmpty {
            lines.append(paint("Rule errors (\(report.errors.count)):", Self.yellow))
            lines += report.errors.map { issue in
                "  " + (issue.ruleID.map { "\($0)  " } ?? "") + "\(issue.path): \(issue.message)"
            }
        }
        return lines
    }

    func keysSection() -> [String] {
        var lines = [paint("AWS keys (\(report.keys.count)):", Self.bold)]
        for key in report.keys {
            let account = key.account.map { "account \($0)" } ?? "no account (legacy ID)"
            lines.append("  \(paint(key.keyID, Self.bold))  \(key.kind)  \(account)")
            lines.append("    secret found: \(key.secretFound ? "yes" : "no")")
            if key.canary {
                lines.append("    " + paint("canary", Self.yellow) + ": its account is a canary (honeytoken) account; never sent to AWS")
            }
            if let done = key.remediation {
                lines.append("    " + paint("remediated", Self.green) + ": rotated at \(done.rotatedAt)"
                    + (done.newKeyID.map { ", replaced by \($0)" } ?? ""))
            }
            if options.showSecrets, let secret = key.secret {
                lines.append("    secret: \(secret)")
            }
            lines.append("    \(key.locations.count) \(plural(key.locations.count, "location")):")
            lines += key.locations.map { location in
                "      \(location.path):\(location.line)" + (location.commit.map { " (commit \($0.prefix(7)))" } ?? "")
            }
            if let verification = key.verification {
                lines += verificationLines(verification)
            }
        }
        return lines
    }

    func verificationLines(_ v: KeyVerification) -> [String] {
        let statusColor = v.status == "live" ? Self.red : (v.status == "invalid" ? Self.green : Self.yellow)
        var first = "    verification: \(paint(v.status, statusColor))"
        if let method = v.method { first += " [\(method)]" }
        if let detail = v.detail { first += " (\(detail))" }
        if let arn = v.arn { first += "  \(arn)" }
        var lines = [first]
        var owner: [String] = []
        if let user = v.user { owner.append("owner: \(user)") }
        if let keyStatus = v.keyStatus { owner.append("key status: \(keyStatus)") }
        if !owner.isEmpty { lines.append("    " + owner.joined(separator: "  ")) }
        let lastUsed = [v.lastUsedDate, v.lastUsedService, v.lastUsedRegion].compactMap { $0 }
        if !lastUsed.isEmpty { lines.append("    last used: " + lastUsed.joined(separator: "  ")) }
        if let policies = v.quarantinePolicies, !policies.isEmpty {
            lines.append("    quarantine policies: " + policies.joined(separator: ", "))
        }
        return lines
    }

    private func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word + "s"
    }

    private func paint(_ text: String, _ code: String) -> String {
        options.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static let bold = "1"
    static let red = "31"
    static let green = "32"
    static let yellow = "33"

    static func color(for severity: Severity) -> String {
        switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        }
    }
}
