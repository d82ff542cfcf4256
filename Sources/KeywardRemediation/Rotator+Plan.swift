import Foundation
import KeywardAWS
import KeywardKeyID

extension Rotator {
    /// Finds the owner, the user's keys, the files and targets; changes nothing.
    ///
    /// Throws `userHasTwoKeys` when there is no room for a new key, `invalidState` when an unfinished
    /// journal exists for the key, `gitCheck` when git cannot say whether it tracks a file. Callers that
    /// go on to `execute` take the key's ``lock(_:)`` first and hold it until the end.
    public func plan(_ request: RotationRequest) async throws -> RotationPlan {
        try JournalStore.checkKeyID(request.keyID)
        if let account = CanaryAccounts.account(of: request.keyID, extra: request.extraCanaryAccounts) {
            throw RemediationError.invalidArgument(
                "\(request.keyID) is a canary (honeytoken) key of account \(account): keyward never sends it to AWS nor rotates it")
        }
        if let existing = try journals.load(request.keyID), !existing.isFinished {
            throw RemediationError.invalidState(
                keyID: request.keyID, state: existing.state.rawValue,
                reason: "an unfinished rotation exists (\(journals.path(for: request.keyID))); use --resume or --rollback")
        }
        var plan = RotationPlan(
            keyID: request.keyID, user: "", account: nil,
            mode: request.actAsLeakedKey ? Self.leakedKeyMode : Self.operatorMode, existingKeys: [],
            inactiveKeyToDelete: nil, quarantinePolicies: [], lastUsed: nil, lastUsedService: nil,
            filesToRewrite: [], trackedFiles: [], redactTracked: request.redactTracked,
            deliveries: request.deliveries, grace: request.grace, alreadyHandled: nil, steps: [])
        plan.roots = request.roots
        plan.plannedAt = environment.clock.now()
        plan.keepSessions = request.keepSessions
        plan.releaseQuarantine = request.releaseQuarantine
        plan.ledgerFile = request.ledgerFile
        for file in request.files where !plan.filesToRewrite.contains(file) && !plan.trackedFiles.contains(file) {
            if try tracked(file) { plan.trackedFiles.append(file) } else { plan.filesToRewrite.append(file) }
        }
        if request.oldSecret == nil, !plan.filesToRewrite.isEmpty || request.actAsLeakedKey {
            throw RemediationError.missingInput(
                "the leaked secret of \(request.keyID) is needed to rewrite files or act as the key (--secret-stdin)")
        }
        preflight(&plan, oldSecret: request.oldSecret)
        let client: IAMClient
        if request.actAsLeakedKey, let secret = request.oldSecret {
            let leaked = AWSCredentials(accessKeyID: request.keyID, secretAccessKey: secret)
            client = iam(leaked)
            do {
                let identity = try await sts(leaked).getCallerIdentity()
                plan.account = identity.account
                plan.user = identity.userName ?? ""
            } catch let error as AWSError where error.isAuthenticationFailure {
                plan.alreadyHandled = .deleted
                return finish(plan)
            } catch {
                throw RemediationError.aws(step: "plan (GetCallerIdentity with the leaked key)", error: Self.aws(error))
            }
            if let used = try? await client.getAccessKeyLastUsed(accessKeyID: request.keyID) {
                plan.lastUsed = used.lastUsedDate
                plan.lastUsedService = used.serviceName
            }
        } else {
            client = iam(try operatorCredentials())
            do {
                let used = try await client.getAccessKeyLastUsed(accessKeyID: request.keyID)
                plan.user = used.userName ?? ""
                plan.lastUsed = used.lastUsedDate
                plan.lastUsedService = used.serviceName
            } catch AWSError.noSuchEntity {
                plan.alreadyHandled = await otherAccount(request.keyID) ? .otherAccount : .deleted
                return finish(plan)
            } catch {
                throw RemediationError.aws(step: "plan (GetAccessKeyLastUsed)", error: Self.aws(error))
            }
            plan.account = try? await sts(try operatorCredentials()).getCallerIdentity().account
        }
        let keys: [AccessKeyMetadata]
        do {
            keys = try await client.listAccessKeys(userName: plan.user.isEmpty ? nil : plan.user)
        } catch {
            throw RemediationError.aws(step: "plan (ListAccessKeys)", error: Self.aws(error))
        }
        plan.existingKeys = keys.map { .init(keyID: $0.accessKeyID, status: $0.status.rawValue) }
        if !plan.user.isEmpty, let policies = try? await client.listAttachedUserPolicies(userName: plan.user) {
            plan.quarantinePolicies = policies.map(\.policyName).filter { $0.hasPrefix(KeyVerifier.quarantinePrefix) }
        }
        guard let old = keys.first(where: { $0.accessKeyID == request.keyID }) else {
            plan.alreadyHandled = .deleted
            return finish(plan)
        }
        if old.status == .inactive {
            plan.alreadyHandled = .inactive
            return finish(plan)
        }
        if let other = keys.first(where: { $0.accessKeyID != request.keyID }), keys.count >= 2 {
            guard other.status == .inactive, request.deleteInactive else {
                throw RemediationError.userHasTwoKeys(
                    user: plan.user, otherKeyID: other.accessKeyID, otherStatus: other.status.rawValue)
            }
            plan.inactiveKeyToDelete = other.accessKeyID
        }
        return finish(plan)
    }

    /// Whether git tracks a file; any failure to answer stops the plan (nothing has changed yet).
    func tracked(_ file: String) throws -> Bool {
        do {
            return try environment.isTracked(file)
        } catch let error as RemediationError {
            throw error
        } catch {
            throw RemediationError.gitCheck(path: file, reason: "\(error)")
        }
    }

    /// Moves every file the rewrite would refuse (link, outside the tree, not text, key absent, broken
    /// format) from `filesToRewrite` to `unrewritableFiles`, by doing the whole rewrite but the write
    /// with stand-in values of the new key's shape; and every tracked file `--redact-tracked` could not
    /// redact. So no run creates a key and then stops for a reason the plan could see.
    func preflight(_ plan: inout RotationPlan, oldSecret: String?) {
        let rewriter = FileRewriter(
            fileSystem: environment.fileSystem, clock: environment.clock,
            backupDirectory: journals.backupDirectory(for: plan.keyID))
        var replacements = [(old: plan.keyID, new: Self.standInKeyID)]
        if let oldSecret { replacements.append((old: oldSecret, new: Self.standInSecret)) }
        var unrewritable: [RotationPlan.UnrewritableFile] = []
        plan.filesToRewrite = plan.filesToRewrite.filter { path in
            do {
                _ = try rewriter.prepare(path, replacements: replacements, expect: Self.standInKeyID, roots: plan.roots ?? [])
                return true
            } catch {
                unrewritable.append(.init(path: path, reason: Self.reason(error)))
                return false
            }
        }
        if plan.redactTracked, let oldSecret {
            plan.trackedFiles = plan.trackedFiles.filter { path in
                do {
                    _ = try rewriter.prepare(
                        path, replacements: [(old: oldSecret, new: Self.redactionPlaceholder)],
                        expect: Self.redactionPlaceholder, roots: plan.roots ?? [])
                    return true
                } catch {
                    unrewritable.append(.init(path: path, reason: "git-tracked; cannot redact: " + Self.reason(error)))
                    return false
                }
            }
        }
        plan.unrewritableFiles = unrewritable.isEmpty ? nil : unrewritable
    }

    /// Stand-ins with the shape of a new key (for the plan's trial rewrite only; never written).
    static let standInKeyID = "AKIAKEYWARDPLANCHECK"
    static let standInSecret = "keywardPlanCheckStandInValue0keywardPlan"

    static func reason(_ error: Error) -> String {
        if case .file(let path, let reason) = error as? RemediationError {
            return reason.replacingOccurrences(of: "; not rewritten", with: "").replacingOccurrences(of: path + ": ", with: "")
        }
        return "\(error)"
    }

    /// Whether STS places the key in another account than the operator's.
    func otherAccount(_ keyID: String) async -> Bool {
        guard let credentials = configuration.credentials else { return false }
        let client = sts(credentials)
        guard let keyAccount = try? await client.getAccessKeyInfo(accessKeyID: keyID),
            let mine = try? await client.getCallerIdentity().account
        else { return false }
        return keyAccount != mine
    }

    func finish(_ plan: RotationPlan) -> RotationPlan {
        var plan = plan
        guard plan.alreadyHandled == nil else { return plan }
        let user = plan.user.isEmpty ? "the key's user" : "user \(plan.user)"
        var steps: [String] = []
        if let inactive = plan.inactiveKeyToDelete { steps.append("delete the inactive key \(inactive) of \(user)") }
        steps.append("create a new access key for \(user) (CreateAccessKey); journal it at once")
        steps.append("check the new key answers STS GetCallerIdentity")
        for file in plan.filesToRewrite { steps.append("rewrite \(file) with the new pair (backup kept)") }
        for file in plan.unrewritableFiles ?? [] {
            steps.append("leave \(file.path) alone: \(file.reason) (it keeps the old key: fix it by hand)")
        }
        for file in plan.trackedFiles {
            steps.append(
                plan.redactTracked
                    ? "replace the old secret in git-tracked \(file) by REDACTED-BY-KEYWARD"
                    : "leave git-tracked \(file) alone (it never receives the new secret)")
        }
        for target in plan.deliveries { steps.append("deliver the new pair to \(target)") }
        steps.append("deactivate \(plan.keyID) (UpdateAccessKey Inactive)")
        if plan.keepSessions == true || plan.user.isEmpty {
            steps.append("leave the sessions \(user) started before the deactivation alone (--keep-sessions)")
        } else {
            steps.append(
                "deny every session \(user) started before the deactivation (inline policy "
                    + "\(Self.sessionDenyPolicyName(plan.keyID)), aws:TokenIssueTime; --keep-sessions skips)")
        }
        if plan.grace > 0 {
            steps.append("stop for a grace period of \(Int(plan.grace))s; `keyward rotate --resume` continues")
        }
        steps.append("check \(plan.keyID) was not used after deactivation (GetAccessKeyLastUsed)")
        steps.append("delete \(plan.keyID) (DeleteAccessKey); remove the backups; drop the new secret from the journal")
        if !plan.quarantinePolicies.isEmpty {
            steps.append(
                plan.releaseQuarantine == true
                    ? "detach AWS's quarantine policies \(plan.quarantinePolicies.joined(separator: ", ")) from \(user)"
                    : "leave AWS's quarantine policies \(plan.quarantinePolicies.joined(separator: ", ")) attached (--release-quarantine detaches them)")
        }
        steps.append("record the rotation in the ledger (\(plan.ledgerFile.map { "state directory and \($0)" } ?? "state directory"))")
        plan.steps = steps
        return plan
    }

    static func aws(_ error: Error) -> AWSError {
        (error as? AWSError) ?? .transport("\(type(of: error))")
    }
}
