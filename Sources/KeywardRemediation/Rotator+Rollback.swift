import Foundation
import KeywardAWS

extension Rotator {
    /// Undoes an unfinished rotation: files restored from backups, old key active again, new key deleted.
    ///
    /// Delivery targets keep the (now deleted) new key; the result's journal lists them.
    public func rollback(keyID: String) async -> RotationResult {
        let held: RotationLock
        do {
            held = try journals.lock(keyID)
        } catch {
            return RotationResult(keyID: keyID, status: .refused, error: Self.remediation(error, step: "rollback"))
        }
        return await held.whileHeld { await rollbackHoldingLock(keyID: keyID) }
    }

    func rollbackHoldingLock(keyID: String) async -> RotationResult {
        var journal: RotationJournal
        do {
            guard let loaded = try journals.load(keyID) else {
                return RotationResult(keyID: keyID, status: .refused, error: .noJournal(keyID: keyID))
            }
            journal = loaded
        } catch {
            return RotationResult(keyID: keyID, status: .refused, error: Self.remediation(error, step: "rollback"))
        }
        guard !journal.isFinished else {
            return RotationResult(
                keyID: keyID, status: .refused, plan: journal.plan, journal: journal,
                journalPath: journals.path(for: keyID),
                error: .invalidState(
                    keyID: keyID, state: journal.state.rawValue,
                    reason: journal.state == .deleted ? "the old key is already deleted" : "already rolled back"))
        }
        do {
            let rewriter = rewriter(for: keyID)
            for file in journal.rewritten + journal.redacted where environment.fileSystem.exists(file.backup) {
                try rewriter.restore(file.path, from: file.backup)
            }
            let user = journal.plan.user.isEmpty ? nil : journal.plan.user
            try await undoSessionDeny(&journal)
            if journal.state >= .replaced {
                // Deactivation may have happened without being journaled: re-activate regardless.
                let client = iam(try caller(journal))
                try await step("re-activate old key") {
                    try await client.updateAccessKey(accessKeyID: journal.keyID, status: .active, userName: user)
                }
            }
            if let mark = journal.creating {
                // A CreateAccessKey whose answer was lost: the key it may have made goes too.
                let client = iam(try caller(journal))
                let keys = try await step("list keys") { try await client.listAccessKeys(userName: user) }
                for orphan in Self.orphans(keys, mark: mark, keyID: journal.keyID) {
                    try await ignoringMissing(step: "delete the key of the lost CreateAccessKey answer") {
                        try await client.deleteAccessKey(accessKeyID: orphan.accessKeyID, userName: user)
                    }
                    journal.orphanKeysDeleted.append(orphan.accessKeyID)
                }
                journal.creating = nil
            }
            if let newID = journal.newKeyID {
                let signer: AWSCredentials
                if journal.plan.mode == Self.leakedKeyMode, let old = journal.oldSecret {
                    signer = AWSCredentials(accessKeyID: journal.keyID, secretAccessKey: old)
                } else {
                    signer = try caller(journal)
                }
                try await ignoringMissing(step: "delete new key") {
                    try await iam(signer).deleteAccessKey(accessKeyID: newID, userName: user)
                }
            }
            journal.newSecret = nil
            journal.oldSecret = nil
            journal.outcome = "rolled back from \(journal.state.rawValue)"
                + (journal.delivered.isEmpty ? "" : "; delivery targets still hold the deleted new key: "
                    + journal.delivered.joined(separator: ", "))
            try record(&journal, .rolledBack, step: "rollback")
            return result(journal, error: nil)
        } catch {
            let failure = Self.remediation(error, step: "rollback")
            return stop(&journal, failure: failure, outcome: "rollback stopped: \(failure)")
        }
    }
}
