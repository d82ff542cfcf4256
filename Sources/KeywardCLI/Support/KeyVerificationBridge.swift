import Foundation
import KeywardAWS
import KeywardScan

/// Runs `--verify` for a report's keys and writes AWS's answers into the report's `keys` section.
enum KeyVerificationBridge {
    static func verify(
        _ report: inout ScanReport, configuration: AWSConfiguration, mode: KeywardAWS.KeyVerification.Mode = .auto,
        canaryAccounts: Set<String> = []
    ) async {
        // Every key (one without a secret comes back "unverified"), then every secret paired with one,
        // with the session token found nearest to it for the same key (temporary ASIA keys need it).
        var candidates = report.keys.map { KeyCandidate(keyID: $0.keyID) }
        let tokens = report.findings.filter { $0.ruleID == "aws-session-token" && $0.keyID != nil }
        for finding in report.findings where finding.ruleID == "aws-secret-access-key" {
            guard let keyID = finding.keyID else { continue }
            let token = tokens.filter { $0.keyID == keyID }
                .min { distance($0, finding) < distance($1, finding) }?.secret
            candidates.append(KeyCandidate(keyID: keyID, secret: finding.secret, sessionToken: token))
        }
        let results = await KeyVerifier(
            configuration: configuration, mode: mode, extraCanaryAccounts: canaryAccounts
        ).verify(candidates)
        let byKey = Dictionary(results.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        for index in report.keys.indices {
            guard let result = byKey[report.keys[index].keyID] else { continue }
            report.keys[index].verification = convert(result)
        }
    }

    /// How far apart two findings are: lines in one file, else farther than any line distance.
    static func distance(_ a: Finding, _ b: Finding) -> Int {
        a.path == b.path && a.commit?.sha == b.commit?.sha ? abs(a.line - b.line) : Int.max / 2
    }

    static func convert(_ result: KeywardAWS.KeyVerification) -> KeywardScan.KeyVerification {
        KeywardScan.KeyVerification(
            status: result.status.rawValue, arn: result.arn, account: result.account, user: result.user,
            keyStatus: result.keyStatus?.rawValue,
            lastUsedDate: result.lastUsedDate.map { ISO8601DateFormatter().string(from: $0) },
            lastUsedService: result.lastUsedService, lastUsedRegion: result.lastUsedRegion,
            quarantinePolicies: result.quarantinePolicies.isEmpty ? nil : result.quarantinePolicies,
            detail: result.detail, method: result.method?.rawValue)
    }
}
