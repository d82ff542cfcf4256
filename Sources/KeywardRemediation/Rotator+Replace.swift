import Foundation
import KeywardAWS

extension Rotator {
    /// The placeholder written over the old secret in git-tracked files (`--redact-tracked`).
    public static let redactionPlaceholder = "REDACTED-BY-KEYWARD"

    /// verified → replaced: untracked files get the new pair, tracked ones at most the placeholder,
    /// then the delivery targets. Each finished file or target is journaled; a rerun skips it.
    func replace(_ journal: inout RotationJournal) async throws {
        guard let newID = journal.newKeyID, let newSecret = journal.newSecret else {
            throw RemediationError.invalidState(
                keyID: journal.keyID, state: journal.state.rawValue, reason: "the journal lost the new key")
        }
        let rewriter = rewriter(for: journal.keyID)
        let roots = journal.plan.roots ?? []
        var replacements = [(old: journal.keyID, new: newID)]
        if let oldSecret = journal.oldSecret { replacements.append((old: oldSecret, new: newSecret)) }
        for path in journal.plan.filesToRewrite where !journal.rewritten.contains(where: { $0.path == path }) {
            if let backup = try rewriter.rewrite(path, replacements: replacements, expect: newID, roots: roots) {
                journal.rewritten.append(.init(path: path, backup: backup))
                try journals.save(journal)
            }
        }
        if journal.plan.redactTracked, let oldSecret = journal.oldSecret {
            for path in journal.plan.trackedFiles where !journal.redacted.contains(where: { $0.path == path }) {
                if let backup = try rewriter.rewrite(
                    path, replacements: [(old: oldSecret, new: Self.redactionPlaceholder)],
                    expect: Self.redactionPlaceholder, roots: roots)
                {
                    journal.redacted.append(.init(path: path, backup: backup))
                    try journals.save(journal)
                }
            }
        }
        let secretsCredentials = configuration.credentials ?? AWSCredentials(accessKeyID: newID, secretAccessKey: newSecret)
        let deliverer = Deliverer(
            fileSystem: environment.fileSystem, home: environment.home,
            secretsManager: SecretsManagerClient(
                credentials: secretsCredentials, endpoint: configuration.endpoint(for: .secretsManager),
                options: options))
        for target in journal.plan.deliveries where !journal.delivered.contains(target.description) {
            do {
                try await deliverer.deliver(target, keyID: newID, secret: newSecret)
            } catch let error as RemediationError {
                throw RemediationError.delivery(target: target.description, reason: "\(error)")
            } catch {
                throw RemediationError.delivery(target: target.description, reason: "\(Self.aws(error))")
            }
            journal.delivered.append(target.description)
            try journals.save(journal)
        }
        try record(&journal, .replaced, step: "replace")
    }

    /// The rewriter for a key: backups in the state directory.
    func rewriter(for keyID: String) -> FileRewriter {
        FileRewriter(
            fileSystem: environment.fileSystem, clock: environment.clock, backupDirectory: journals.backupDirectory(for: keyID))
    }

    /// Removes the backups (they hold the old secret) once the old key is deleted; a failure stops the
    /// run (state `deactivated`, so `--resume` tries again) rather than leave them unsaid.
    func removeBackups(_ journal: inout RotationJournal) throws {
        for file in journal.rewritten + journal.redacted {
            do {
                try environment.fileSystem.remove(file.backup)
            } catch {
                throw RemediationError.file(
                    path: file.backup, reason: "cannot remove this backup of \(file.path) (it holds the old secret): \(error)")
            }
        }
        journal.backupsRemoved = true
    }

    /// replaced → deactivated: note the old key's last use, UpdateAccessKey Inactive, journal the time.
    func deactivate(_ journal: inout RotationJournal) async throws {
        let client = iam(try caller(journal))
        let user = journal.plan.user.isEmpty ? nil : journal.plan.user
        if let used = try? await client.getAccessKeyLastUsed(accessKeyID: journal.keyID) {
            journal.lastUsedBeforeDeactivation = used.lastUsedDate
        }
        try await step("deactivate") {
            try await client.updateAccessKey(accessKeyID: journal.keyID, status: .inactive, userName: user)
        }
        journal.deactivatedAt = environment.clock.now()
        try record(&journal, .deactivated, step: "deactivate")
    }

    /// deactivated → deleted: refuse when the old key was used after deactivation, else DeleteAccessKey,
    /// then scrub both secrets from the journal.
    func checkUseAndDelete(_ journal: inout RotationJournal) async throws {
        let client = iam(try caller(journal))
        let user = journal.plan.user.isEmpty ? nil : journal.plan.user
        do {
            let used = try await client.getAccessKeyLastUsed(accessKeyID: journal.keyID)
            if let last = used.lastUsedDate, let since = journal.deactivatedAt, last > since {
                throw RemediationError.oldKeyStillUsed(keyID: journal.keyID, lastUsed: last, service: used.serviceName)
            }
        } catch AWSError.noSuchEntity {
            // Already deleted (by a run that died before journaling it, or by hand).
        } catch {
            throw Self.remediation(error, step: "check use")
        }
        journal.history.append(.init(step: "check-use", at: environment.clock.now()))
        try await ignoringMissing(step: "delete") {
            try await client.deleteAccessKey(accessKeyID: journal.keyID, userName: user)
        }
        try removeBackups(&journal)
        try await closeIncident(&journal)
        journal.newSecret = nil
        journal.oldSecret = nil
        journal.outcome = "done: \(journal.keyID) deleted, replaced by \(journal.newKeyID ?? "?")"
        try record(&journal, .deleted, step: "delete")
    }
}
