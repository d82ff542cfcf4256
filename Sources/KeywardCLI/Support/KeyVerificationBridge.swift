import Foundation
import KeywardAWS
import KeywardScan

/// Runs `--verify` for a report's keys and writes AWS's answers into the report's `keys` section.
enum KeyVerificationBridge {
    static func verify(_ report: inout ScanReport, configuration: AWSConfiguration) async {
        // Every key (one without a secret comes back "unverified"), then every secret paired with one.
        var candidates = report.keys.map { KeyCandidate(keyID: $0.keyID) }
        for finding in report.findings where finding.ruleID == "aws-secret-access-key" {
            if let keyID = finding.keyID { candidates.append(KeyCandidate(keyID: keyID, secret: finding.secret)) }
        }
        let results = await KeyVerifier(configuration: configuration).verify(candidates)
        let byKey = Dictionary(results.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        for index in report.keys.indices {
            guard let result = byKey[report.keys[index].keyID] else { continue }
            report.keys[index].verification = convert(result)
        }
    }

    static func convert(_ result: KeywardAWS.KeyVerification) -> KeywardScan.KeyVerification {
        KeywardScan.KeyVerification(
            status: result.status.rawValue, arn: result.arn, account: result.account, user: result.user,
            keyStatus: result.keyStatus?.rawValue,
            lastUsedDate: result.lastUsedDate.map { ISO8601DateFormatter().string(from: $0) },
            lastUsedService: result.lastUsedService, lastUsedRegion: result.lastUsedRegion,
            quarantinePolicies: result.quarantinePolicies.isEmpty ? nil : result.quarantinePolicies,
            detail: result.detail)
    }
}
