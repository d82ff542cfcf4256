/// Small facts the report writers share.
extension Finding {
    /// True when this finding is the access key ID itself (not a secret paired with one).
    var isKeyIDItself: Bool { keyID == secret }

    /// The key ID this finding is paired with, when it is not the key ID itself.
    var pairedKeyID: String? { isKeyIDItself ? nil : keyID }

    /// First 7 characters of the commit SHA, when in git modes.
    var shortCommit: String? { commit.map { String($0.sha.prefix(7)) } }
}

extension ScanReport {
    /// Number of findings at each severity, worst first.
    var severityCounts: [(Severity, Int)] {
        Severity.allCases.sorted(by: >).map { severity in
            (severity, findings.filter { $0.severity == severity }.count)
        }
    }

    /// One entry per rule that produced a finding, sorted by rule ID, with its worst severity.
    var rulesWithFindings: [(id: String, description: String, severity: Severity)] {
        var byID: [String: (description: String, severity: Severity)] = [:]
        for finding in findings {
            if let known = byID[finding.ruleID] {
                byID[finding.ruleID] = (known.description, max(known.severity, finding.severity))
            } else {
                byID[finding.ruleID] = (finding.description, finding.severity)
            }
        }
        return byID.keys.sorted().compactMap { id in
            byID[id].map { (id: id, description: $0.description, severity: $0.severity) }
        }
    }
}
