import KeywardKeyID

/// Turns raw findings into a ``ScanReport``: documentation examples suppressed (and counted),
/// baseline applied, findings sorted, AWS keys grouped by key ID.
public struct ReportAssembler: Sendable {
    /// Report AWS documentation keys instead of suppressing them.
    public var includeExamples = false
    /// Fingerprints already accepted.
    public var baseline: Baseline?
    /// Canary accounts besides the published ones (`--canary-account`).
    public var extraCanaryAccounts: Set<String>

    /// Creates an assembler.
    public init(includeExamples: Bool = false, baseline: Baseline? = nil, extraCanaryAccounts: Set<String> = []) {
        self.includeExamples = includeExamples
        self.baseline = baseline
        self.extraCanaryAccounts = extraCanaryAccounts
    }

    /// Builds the report.
    public func assemble(
        findings raw: [Finding], skipped: [SkippedFile], issues: [ScanIssue], files: Int, bytes: Int,
        allowlisted: Int, elapsed: Double
    ) -> ScanReport {
        var findings: [Finding] = []
        var examples = 0
        var baselined = 0
        var seen = Set<String>()
        for finding in raw {
            // The same secret at the same place reached twice (chunk overlap, git modes) is one finding.
            let key = "\(finding.fingerprint)|\(finding.line)|\(finding.column)|\(finding.commit?.sha ?? "")"
            guard seen.insert(key).inserted else { continue }
            if finding.isExample && !includeExamples {
                examples += 1
            } else if let baseline, baseline.contains(finding.fingerprint) {
                baselined += 1
            } else {
                findings.append(finding)
            }
        }
        findings.sort { a, b in
            (a.path, a.line, a.column, a.ruleID) < (b.path, b.line, b.column, b.ruleID)
        }
        return ScanReport(
            findings: findings,
            skipped: skipped.sorted { ($0.path, $0.reason) < ($1.path, $1.reason) },
            errors: issues.sorted { ($0.path, $0.ruleID ?? "") < ($1.path, $1.ruleID ?? "") },
            filesScanned: files, bytesScanned: bytes, suppressedExamples: examples,
            suppressedByBaseline: baselined, suppressedByAllowlist: allowlisted, elapsedSeconds: elapsed,
            keys: Self.groupKeys(findings, extraCanaryAccounts: extraCanaryAccounts))
    }

    /// AWS findings grouped by key ID, in order of first appearance.
    static func groupKeys(_ findings: [Finding], extraCanaryAccounts: Set<String> = []) -> [KeyReport] {
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for finding in findings {
            guard let keyID = finding.keyID else { continue }
            if groups[keyID] == nil { order.append(keyID) }
            groups[keyID, default: []].append(finding)
        }
        return order.compactMap { keyID in
            guard let group = groups[keyID] else { return nil }
            let identity = AWSKeyID(keyID)
            let secret = group.first { $0.ruleID == "aws-secret-access-key" }?.secret
            var locations: [KeyLocation] = []
            for finding in group {
                var location = KeyLocation(path: finding.path, line: finding.line, commit: finding.commit?.sha)
                location.isArchiveMember = finding.isArchiveMember
                location.pathBytes = finding.pathBytes
                if !locations.contains(location) { locations.append(location) }
            }
            var report = KeyReport(
                keyID: keyID, kind: identity?.kind.rawValue ?? "unknown", account: identity?.account,
                secretFound: secret != nil, secret: secret, locations: locations)
            report.canary = CanaryAccounts.account(of: keyID, extra: extraCanaryAccounts) != nil
            return report
        }
    }
}
