import Foundation
import KeywardRemediation

/// Writes rotation plans and results as text or JSON; the new secret only with `showSecrets`.
struct RemediationPrinter {
    var json = false
    var showSecrets = false
    var toStandardError = false

    func write(_ text: String) {
        if toStandardError { Terminal.error(text) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// A remark on standard error.
    func note(_ text: String) { Terminal.error("keyward: \(text)\n") }

    /// Plans before confirmation (text only; JSON output prints them with the results).
    func printPlans(_ plans: [RotationPlan]) {
        guard !json else { return }
        write(plans.map(Self.planText).joined(separator: "\n"))
    }

    /// Results (and dry-run plans).
    func print(_ results: [RotationResult]) {
        guard !results.isEmpty else { return }
        if json {
            let object: [String: Any] = ["results": results.map(jsonObject)]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                write(String(decoding: data, as: UTF8.self) + "\n")
            }
            return
        }
        write(results.map(text).joined(separator: "\n"))
    }

    static func planText(_ plan: RotationPlan) -> String {
        var lines = ["Plan for \(plan.keyID) (user \(plan.user.isEmpty ? "?" : plan.user), account \(plan.account ?? "?"), as \(plan.mode)):"]
        if !plan.existingKeys.isEmpty {
            lines.append("  keys of the user: " + plan.existingKeys.map { "\($0.keyID) \($0.status)" }.joined(separator: ", "))
        }
        if !plan.quarantinePolicies.isEmpty {
            lines.append("  AWS quarantine policies attached: " + plan.quarantinePolicies.joined(separator: ", "))
        }
        lines.append("  last used: " + (plan.lastUsed.map { Self.date($0) + (plan.lastUsedService.map { " (\($0))" } ?? "") } ?? "never"))
        for (index, step) in plan.steps.enumerated() { lines.append("  \(index + 1). \(step)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func text(_ result: RotationResult) -> String {
        var lines: [String] = []
        let user = result.plan.map { $0.user.isEmpty ? "" : " (user \($0.user))" } ?? ""
        lines.append("\(result.keyID)\(user): \(headline(result))")
        if result.status == .planned, let plan = result.plan { return Self.planText(plan) }
        if !result.stepsDone.isEmpty { lines.append("  steps done: " + result.stepsDone.joined(separator: ", ")) }
        if let journal = result.journal, let newID = journal.newKeyID {
            let secret = showSecrets ? (result.newSecret ?? "(dropped from the journal)") : "hidden (--show-secrets)"
            lines.append("  new key: \(newID)  secret: \(secret)")
            if let used = journal.lastUsedBeforeDeactivation { lines.append("  old key last used: \(Self.date(used))") }
        }
        for file in result.journal?.rewritten ?? [] {
            lines.append("  rewritten: \(file.path)" + (result.journal?.backupsRemoved == true ? "" : " (backup \(file.backup))"))
        }
        for file in result.journal?.redacted ?? [] { lines.append("  redacted (git-tracked): \(file.path)") }
        let redacted = Set(result.journal?.redacted.map(\.path) ?? [])
        for file in result.plan?.trackedFiles ?? [] where !redacted.contains(file) {
            lines.append("  git-tracked, not given the new key: \(file)")
        }
        for target in result.deliveredTo { lines.append("  delivered to: \(target)") }
        for file in result.plan?.unrewritableFiles ?? [] { lines.append("  left alone: \(file.path): \(file.reason)") }
        if let policy = result.journal?.sessionDenyPolicy { lines.append("  older sessions denied: inline policy \(policy)") }
        if let released = result.journal?.quarantineReleased, !released.isEmpty {
            lines.append("  quarantine released: \(released.joined(separator: ", "))")
        }
        if let path = result.journalPath { lines.append("  journal: \(path)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func headline(_ result: RotationResult) -> String {
        switch result.status {
        case .done: return "rotated"
        case .planned: return "planned (dry run)"
        case .alreadyHandled:
            switch result.plan?.alreadyHandled {
            case .inactive?: return "already inactive; nothing created"
            case .otherAccount?: return "not in the operator's account; nothing created"
            default: return "already deleted or unknown to AWS; nothing created"
            }
        case .refused: return "refused: \(result.error.map { "\($0)" } ?? "?")"
        case .rolledBack: return "rolled back"
        case .stopped:
            if let until = result.graceUntil {
                return "stopped: old key deactivated; grace period until \(Self.date(until)); run `keyward rotate --resume`"
            }
            return "stopped: \(result.error.map { "\($0)" } ?? "?") (journaled; `keyward rotate --resume` or --rollback)"
        }
    }

    func jsonObject(_ result: RotationResult) -> [String: Any] {
        var object: [String: Any] = ["key_id": result.keyID, "status": result.status.rawValue]
        if let plan = result.plan {
            object["user"] = plan.user
            object["account"] = plan.account
            object["plan"] = [
                "mode": plan.mode, "steps": plan.steps, "files_to_rewrite": plan.filesToRewrite,
                "tracked_files": plan.trackedFiles, "deliveries": plan.deliveries.map(\.description),
                "existing_keys": plan.existingKeys.map { ["key_id": $0.keyID, "status": $0.status] },
                "quarantine_policies": plan.quarantinePolicies,
                "inactive_key_to_delete": plan.inactiveKeyToDelete as Any,
                "already_handled": plan.alreadyHandled?.rawValue as Any,
                "unrewritable_files": (plan.unrewritableFiles ?? []).map { ["path": $0.path, "reason": $0.reason] },
                "keep_sessions": plan.keepSessions ?? false,
                "release_quarantine": plan.releaseQuarantine ?? false,
            ]
        }
        if let journal = result.journal {
            object["state"] = journal.state.rawValue
            object["steps_done"] = result.stepsDone
            object["new_key_id"] = journal.newKeyID
            object["files_rewritten"] = journal.rewritten.map { ["path": $0.path, "backup": $0.backup] }
            object["files_redacted"] = journal.redacted.map(\.path)
            object["delivered_to"] = journal.delivered
            object["deactivated_at"] = journal.deactivatedAt.map(Self.date)
            object["session_deny_policy"] = journal.sessionDenyPolicy
            object["quarantine_released"] = journal.quarantineReleased
            object["orphan_keys_deleted"] = journal.orphanKeysDeleted
            object["backups_removed"] = journal.backupsRemoved ?? false
        }
        if showSecrets, let secret = result.newSecret { object["new_secret"] = secret }
        object["journal"] = result.journalPath
        object["error"] = result.error.map { "\($0)" }
        object["grace_until"] = result.graceUntil.map(Self.date)
        return object
    }

    static func date(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
