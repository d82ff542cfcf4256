import Foundation
import KeywardAWS

extension Rotator {
    /// Takes the key's exclusive lock; hold it from `plan` to the end of `execute`.
    public func lock(_ keyID: String) throws -> RotationLock { try journals.lock(keyID) }

    /// Runs a plan from the start: journals it (the first journal is created exclusively), then drives
    /// the state machine to the end or a stop. Without `lock`, the key's lock is taken here (refused
    /// when another process holds it).
    public func execute(_ plan: RotationPlan, oldSecret: String?, lock: RotationLock? = nil) async -> RotationResult {
        if let handled = plan.alreadyHandled {
            return RotationResult(
                keyID: plan.keyID, status: .alreadyHandled, plan: plan,
                error: .invalidState(keyID: plan.keyID, state: handled.rawValue, reason: "nothing to rotate"))
        }
        let held: RotationLock
        do {
            held = try lock.flatMap { $0.keyID == plan.keyID ? $0 : nil } ?? journals.lock(plan.keyID)
        } catch {
            return RotationResult(keyID: plan.keyID, status: .refused, plan: plan, error: Self.remediation(error, step: "lock"))
        }
        var journal = RotationJournal(plan: plan, oldSecret: oldSecret)
        journal.history.append(.init(step: "plan", at: environment.clock.now()))
        do {
            try journals.create(journal)
        } catch {
            return RotationResult(keyID: plan.keyID, status: .refused, plan: plan, error: Self.remediation(error, step: "plan"))
        }
        environment.checkpoint("plan")
        return await held.whileHeld { await drive(journal) }
    }

    /// Continues one unfinished rotation from its journal; `grace` overrides the journaled grace period.
    public func resume(keyID: String, grace: TimeInterval? = nil) async -> RotationResult {
        let held: RotationLock
        do {
            held = try journals.lock(keyID)
        } catch {
            return RotationResult(keyID: keyID, status: .refused, error: Self.remediation(error, step: "resume"))
        }
        return await held.whileHeld { await resumeHoldingLock(keyID: keyID, grace: grace) }
    }

    func resumeHoldingLock(keyID: String, grace: TimeInterval?) async -> RotationResult {
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
                    try await revokeSessions(&journal)
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

    /// planned → created: room for the key (inactive key; the key of an earlier run whose
    /// CreateAccessKey answer was lost), a journaled mark, CreateAccessKey, the pair journaled.
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
        var (keys, serverDate) = try await step("list keys") { try await client.listAccessKeysWithServerDate(userName: user) }
        guard let old = keys.first(where: { $0.accessKeyID == journal.keyID }), old.status == .active else {
            throw RemediationError.invalidState(
                keyID: journal.keyID, state: journal.state.rawValue,
                reason: "the leaked key is no longer active (deactivated or deleted since the plan, by someone "
                    + "else?); nothing was created. `keyward rotate --rollback \(journal.keyID)` closes this journal")
        }
        if let mark = journal.creating {
            for orphan in Self.orphans(keys, mark: mark, keyID: journal.keyID) {
                try await ignoringMissing(step: "delete the key of the lost CreateAccessKey answer") {
                    try await client.deleteAccessKey(accessKeyID: orphan.accessKeyID, userName: user)
                }
                journal.orphanKeysDeleted.append(orphan.accessKeyID)
                keys.removeAll { $0.accessKeyID == orphan.accessKeyID }
                try journals.save(journal)
            }
            // The mark stays until the next CreateAccessKey replaces it: if the user still holds a
            // key nobody can place, the next `--resume` looks again instead of forgetting the question.
            (keys, serverDate) = try await step("list keys") { try await client.listAccessKeysWithServerDate(userName: user) }
        }
        let others = keys.filter { $0.accessKeyID != journal.keyID }
        if let other = others.first {
            throw RemediationError.userHasTwoKeys(
                user: journal.plan.user, otherKeyID: other.accessKeyID, otherStatus: other.status.rawValue)
        }
        journal.creating = RotationJournal.CreateMark(
            at: serverDate ?? environment.clock.now(), knownKeys: keys.map(\.accessKeyID),
            window: options.timeout + Self.createClockSlack)
        try record(&journal, nil, step: "creating")
        let created: NewAccessKey
        do {
            created = try await client.createAccessKey(userName: user)
        } catch let error as AWSError where Self.definitelyNotCreated(error) {
            journal.creating = nil
            try journals.save(journal)
            throw Self.remediation(error, step: "create")
        } catch {
            // The answer is unknown (lost, cut, unreadable, 5xx): the mark stays, so `--resume` deletes the
            // key this call may have made before creating another. No blind retry here.
            throw Self.remediation(error, step: "create (answer lost: `keyward rotate --resume` cleans up)")
        }
        environment.checkpoint("create-call")
        journal.newKeyID = created.credentials.accessKeyID
        journal.newSecret = created.credentials.secretAccessKey
        journal.creating = nil
        try record(&journal, .created, step: "create")
    }

    /// Seconds added to the request timeout when matching a lost CreateAccessKey's key by its date.
    static let createClockSlack: TimeInterval = 5

    /// Keys the lost call can have created: not listed before it, created within its window.
    static func orphans(
        _ keys: [AccessKeyMetadata], mark: RotationJournal.CreateMark, keyID: String
    ) -> [AccessKeyMetadata] {
        keys.filter { key in
            guard key.accessKeyID != keyID, !mark.knownKeys.contains(key.accessKeyID), let created = key.createDate
            else { return false }
            return created >= mark.at.addingTimeInterval(-1) && created <= mark.at.addingTimeInterval(mark.window)
        }
    }

    /// Errors AWS answers without having created the key (it said no). Anything else may hide a success.
    static func definitelyNotCreated(_ error: AWSError) -> Bool {
        switch error {
        case .limitExceeded, .accessDenied, .throttling, .noSuchEntity, .invalidClientTokenId,
            .signatureDoesNotMatch, .noCredentials, .configuration:
            return true
        case .other(_, _, let status): return (400..<500).contains(status)
        case .transport, .timeout, .malformedResponse: return false
        }
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
