import Foundation
import KeywardRemediation
import KeywardScan

/// Reads remediation ledgers and marks the report's keys (and so their findings) as remediated.
enum LedgerBridge {
    /// Marks every key a ledger records; a ledger that exists but cannot be read is an error (exit 2).
    static func mark(_ report: inout ScanReport, ledgers: [String]) throws {
        // No AWS key found (the usual pre-commit case): nothing to mark, no ledger to read.
        guard !report.keys.isEmpty else { return }
        var entries: [String: LedgerEntry] = [:]
        for path in ledgers {
            do {
                for entry in try RemediationLedger(path: path).entries() where entries[entry.keyID] == nil {
                    entries[entry.keyID] = entry
                }
            } catch {
                throw CLIExit.failure(error)
            }
        }
        for index in report.keys.indices {
            guard let entry = entries[report.keys[index].keyID] else { continue }
            report.keys[index].remediation = KeyRemediation(
                rotatedAt: ISO8601DateFormatter().string(from: entry.rotatedAt), newKeyID: entry.newKeyID,
                user: entry.user)
        }
    }

    /// Findings not covered by a recorded rotation: any finding without a key, and every finding of a
    /// key the ledgers do not record.
    static func unremediated(_ report: ScanReport) -> [Finding] {
        let done = Set(report.keys.filter { $0.remediation != nil }.map(\.keyID))
        return report.findings.filter { finding in finding.keyID.map { !done.contains($0) } ?? true }
    }
}

extension ScanCommand {
    /// `--ledger` files, else `.keyward-ledger.json` at the (first) scan root and the state directory's ledger.
    func ledgerFiles(roots: [String]) -> [String] {
        if !aws.ledgers.isEmpty { return aws.ledgers }
        var root = roots[0]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
            root = (root as NSString).deletingLastPathComponent
        }
        let state = JournalStore(directory: remediation.options.journalDirectory)
        return [(root.isEmpty ? "." : root) + "/.keyward-ledger.json", state.ledgerPath]
    }
}
