import Foundation
import KeywardAWS

extension Rotator {
    /// Runs a plan from the start: journals it, then drives the state machine to the end or a stop.
    public func execute(_ plan: RotationPlan, oldSecret: String?) async -> RotationResult {
        if let handled = plan.alreadyHandled {
            return RotationResult(
                keyID: plan.keyID, status: .alreadyHandled, plan: plan,
                error: .invalidState(keyID: plan.keyID, state: handled.rawValue, reason: "nothing to rotate"))
        }
        var journal = RotationJournal(plan: plan, oldSecret: oldSecret)
        do {
            try record(&journal, .planned, step: "plan")
        } catch {
            return result(journal, error: error)
        }
        return await drive(journal)
    }

    /// Continues one unfinished rotation from its journal; `grace` overrides the journaled grace period.
    public func resume(keyID: String, grace: TimeInterval? = nil) async -> RotationResult {
        do {
            guard var journal = try journals.load(keyID) else {
                return RotationResult(keyID: keyID, status: .refused, error: .noJournal(keyID: keyID))
            }
            if journal.isFinished {
                return result(journal, error: nil)
            }
            if let grace { journal.plan.grace = grace }
            return await drive(journal)
        } catch {
            return RotationResult(keyID: keyID, status: .refused, error: Self.remediation(error, step: "resume"))
        }
    }

    /// Drives a journal through the remaining states.
    func drive(_ start: RotationJournal) async -> RotationResult {
        var journal = start
        do {
            while true {
                switch journal.state {
                case .planned: try await create(&journal)
                case .created: try await verify(&journal)
                case .verified: try await replace(&journal)
                case .replaced: try await deactivate(&journal)
                case .deactivated:
                    if let until = graceEnd(journal), environment.clock.now() < until {
                        journal.outcome = "stopped: grace period until \(JournalDates.format(until))"
                        try journals.save(journal)
                        var stopped = result(journal, error: nil)
                        stopped.graceUntil = until
                        return stopped
                    }
                    try await checkUseAndDelete(&journal)
                case .deleted, .rolledBack:
                    return result(journal, error: nil)
                }
            }
        } catch {
            let failure = Self.remediation(error, step: journal.state.rawValue)
            return stop(&journal, failure: failure, outcome: "stopped: \(failure)")
        }
    }

    /// Records why a run stopped. Every step was journaled before, so `--resume` works either way;
    /// when even this write fails, that failure is reported too instead of being dropped.
    func stop(_ journal: inout RotationJournal, failure: RemediationError, outcome: String) -> RotationResult {
        journal.outcome = outcome
        do {
            try journals.save(journal)
        } catch {
            return result(journal, error: RemediationError.journal(
                path: journals.path(for: journal.keyID), reason: "\(error) (after: \(failure))"))
        }
        return result(journal, error: failure)
    }

    func graceEnd(_ journal: RotationJournal) -> Date? {
        guard journal.plan.grace > 0, let at = journal.deactivatedAt else { return nil }
        return at.addingTimeInterval(journal.plan.grace)
    }

    /// planned → created: room for the key (inactive key, crash orphans), CreateAccessKey, journal the pair.
    func create(_ journal: inout RotationJournal) async throws {
        let client = iam(try caller(journal))
        let user = journal.plan.user.isEmpty ? nil : journal.plan.user
        if let inactive = journal.plan.inactiveKeyToDelete, journal.deletedInactiveKey == nil {
            try await ignoringMissing(step: "delete inactive key") {
                try await client.deleteAccessKey(accessKeyID: inactive, userName: user)
            }
            journal.deletedInactiveKey = inactive
            try journals.save(journal)
        }
        let known = Set(journal.plan.existingKeys.map(\.keyID))
        let keys = try await step("list keys") { try await client.listAccessKeys(userName: user) }
        // A key neither planned nor journaled was created by a run that died before journaling it:
        // its secret is lost, so it goes (the user never holds more than two keys).
        for orphan in keys where !known.contains(orphan.accessKeyID) && orphan.accessKeyID != journal.keyID {
            try await ignoringMissing(step: "delete unjournaled key") {
                try await client.deleteAccessKey(accessKeyID: orphan.accessKeyID, userName: user)
            }
            journal.orphanKeysDeleted.append(orphan.accessKeyID)
            try journals.save(journal)
        }
        let remaining = keys.filter {
            known.contains($0.accessKeyID) && $0.accessKeyID != journal.deletedInactiveKey
        }
        if remaining.count >= 2, let other = remaining.first(where: { $0.accessKeyID != journal.keyID }) {
            throw RemediationError.userHasTwoKeys(
                user: journal.plan.user, otherKeyID: other.accessKeyID, otherStatus: other.status.rawValue)
        }
        let created = try await step("create") { try await client.createAccessKey(userName: user) }
        environment.checkpoint("create-call")
        journal.newKeyID = created.credentials.accessKeyID
        journal.newSecret = created.credentials.secretAccessKey
        try record(&journal, .created, step: "create")
    }

    /// created → verified: the new pair answers GetCallerIdentity (bounded retries with backoff).
    func verify(_ journal: inout RotationJournal) async throws {
        guard let id = journal.newKeyID, let secret = journal.newSecret else {
            throw RemediationError.invalidState(
                keyID: journal.keyID, state: journal.state.rawValue, reason: "the journal lost the new key")
        }
        let client = sts(AWSCredentials(accessKeyID: id, secretAccessKey: secret))
        var delay = environment.verifyBackoff
        var last = "no answer"
        for attempt in 1...environment.verifyAttempts {
            do {
                let identity = try await client.getCallerIdentity()
                if let account = journal.plan.account, identity.account != account {
                    throw RemediationError.newKeyDoesNotAuthenticate(
                        keyID: id, detail: "it belongs to account \(identity.account), not \(account)")
                }
                try record(&journal, .verified, step: "verify")
                return
            } catch let error as RemediationError {
                throw error
            } catch {
                last = "\(Self.aws(error))"
            }
            if attempt < environment.verifyAttempts {
                try await environment.clock.sleep(for: delay)
                delay = delay * 2
            }
        }
        throw RemediationError.newKeyDoesNotAuthenticate(keyID: id, detail: last)
    }

    /// Runs an AWS call, turning its error into `RemediationError.aws(step:…)`.
    func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.remediation(error, step: name)
        }
    }

    /// Runs an AWS call where `NoSuchEntity` means it is already done.
    func ignoringMissing(step name: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch AWSError.noSuchEntity {
            return
        } catch {
            throw Self.remediation(error, step: name)
        }
    }

    static func remediation(_ error: Error, step: String) -> RemediationError {
        if let error = error as? RemediationError { return error }
        return .aws(step: step, error: aws(error))
    }

    func result(_ journal: RotationJournal, error: Error?) -> RotationResult {
        let status: RotationResult.Status
        switch journal.state {
        case .deleted: status = .done
        case .rolledBack: status = .rolledBack
        default: status = .stopped
        }
        return RotationResult(
            keyID: journal.keyID, status: status, plan: journal.plan, journal: journal,
            journalPath: journals.path(for: journal.keyID),
            error: error.map { Self.remediation($0, step: journal.state.rawValue) }, newSecret: journal.newSecret)
    }
}
