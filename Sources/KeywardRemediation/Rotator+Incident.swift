import Foundation
import KeywardAWS

/// What closes an incident beyond the key itself: sessions the key minted, AWS's quarantine, the ledger.
extension Rotator {
    /// The inline policy name that denies a user's sessions issued before a key's deactivation.
    static func sessionDenyPolicyName(_ keyID: String) -> String { "keyward-deny-sessions-before-\(keyID)" }

    /// Deny-all for every request signed with temporary credentials issued before `time`
    /// (AWS's documented way to revoke sessions: `aws:TokenIssueTime`); long-term keys are unaffected.
    static func sessionDenyPolicy(before time: Date) -> String {
        // Rounded up to the second: a session issued in the deactivation's own second is denied too.
        let stamp = AWSDate.iso8601(Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.up)))
        return #"{"Version":"2012-10-17","Statement":[{"Sid":"KeywardRevokeOlderSessions","Effect":"Deny","#
            + #""Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":""# + stamp + #""}}}]}"#
    }

    /// deactivated (once): the user's sessions issued before the deactivation are denied, journaled.
    func revokeSessions(_ journal: inout RotationJournal) async throws {
        guard journal.plan.keepSessions != true, journal.sessionDenyPolicy == nil, !journal.plan.user.isEmpty,
            let at = journal.deactivatedAt
        else { return }
        let name = Self.sessionDenyPolicyName(journal.keyID)
        let client = iam(try caller(journal))
        try await step("deny older sessions (PutUserPolicy)") {
            try await client.putUserPolicy(
                userName: journal.plan.user, policyName: name, policyDocument: Self.sessionDenyPolicy(before: at))
        }
        journal.sessionDenyPolicy = name
        try record(&journal, nil, step: "deny-sessions")
    }

    /// After the delete: AWS's quarantine policies detached (`--release-quarantine`), then the ledger.
    func closeIncident(_ journal: inout RotationJournal) async throws {
        if journal.plan.releaseQuarantine == true, journal.quarantineReleased == nil, !journal.plan.user.isEmpty {
            let client = iam(try caller(journal))
            let attached = try await step("list quarantine policies") {
                try await client.listAttachedUserPolicies(userName: journal.plan.user)
            }
            var released: [String] = []
            for policy in attached where policy.policyName.hasPrefix(KeyVerifier.quarantinePrefix) {
                try await ignoringMissing(step: "detach \(policy.policyName)") {
                    try await client.detachUserPolicy(userName: journal.plan.user, policyArn: policy.policyArn)
                }
                released.append(policy.policyName)
            }
            journal.quarantineReleased = released
            try journals.save(journal)
        }
        let entry = LedgerEntry(
            keyID: journal.keyID, user: journal.plan.user, account: journal.plan.account,
            rotatedAt: environment.clock.now(), newKeyID: journal.newKeyID)
        try RemediationLedger(path: journals.ledgerPath, fileSystem: environment.fileSystem).record(entry, mode: 0o600)
        if let file = journal.plan.ledgerFile {
            try RemediationLedger(path: file, fileSystem: environment.fileSystem).record(entry, mode: 0o644)
        }
    }

    /// Rollback: the session deny policy goes (the old key is active again).
    func undoSessionDeny(_ journal: inout RotationJournal) async throws {
        guard let name = journal.sessionDenyPolicy, !journal.plan.user.isEmpty else { return }
        let client = iam(try caller(journal))
        try await ignoringMissing(step: "remove \(name)") {
            try await client.deleteUserPolicy(userName: journal.plan.user, policyName: name)
        }
        journal.sessionDenyPolicy = nil
    }
}
