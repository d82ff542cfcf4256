import Foundation
import KeywardRemediation

/// `keys audit` output: a table, or `{"keys": [...]}`.
enum AuditReport {
    static func text(_ keys: [AuditedKey]) -> String {
        guard !keys.isEmpty else { return "No access keys.\n" }
        var lines = ["USER  KEY  STATUS  AGE  LAST USED  FLAGS"]
        for key in keys {
            let age = key.ageDays.map { "\($0)d" } ?? "?"
            let used = key.lastUsed.map { date(($0)) + (key.lastUsedService.map { " (\($0))" } ?? "") } ?? "never"
            let flags = key.flags.isEmpty ? "-" : key.flags.map(\.rawValue).joined(separator: ",")
            lines.append("\(key.user)  \(key.keyID)  \(key.status.rawValue)  \(age)  \(used)  \(flags)")
        }
        let flagged = keys.filter { !$0.flags.isEmpty }.count
        lines.append("\(keys.count) key(s), \(flagged) flagged (CIS 1.12 unused, 1.13 one active key, 1.14 rotation)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ keys: [AuditedKey]) throws -> String {
        let entries: [[String: Any]] = keys.map { key in
            var entry: [String: Any] = [
                "user": key.user, "key_id": key.keyID, "status": key.status.rawValue,
                "flags": key.flags.map(\.rawValue),
            ]
            if let created = key.created { entry["created"] = date(created) }
            if let age = key.ageDays { entry["age_days"] = age }
            entry["last_used"] = key.lastUsed.map(date) ?? NSNull()
            if let service = key.lastUsedService { entry["last_used_service"] = service }
            return entry
        }
        let data = try JSONSerialization.data(
            withJSONObject: ["version": 1, "keys": entries], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func date(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
