import Foundation

/// Sets one profile's key pair in AWS shared-credentials text, keeping other profiles, settings and comments.
enum CredentialsProfileEditor {
    /// The text with `[profile]` holding `keyID`/`secret` (a stale `aws_session_token` is dropped).
    static func update(_ text: String, profile: String, keyID: String, secret: String) -> String {
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let header = lines.firstIndex { sectionName($0) == profile }
        guard let header else {
            if let last = lines.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("") }
            lines += ["[\(profile)]", "aws_access_key_id = \(keyID)", "aws_secret_access_key = \(secret)"]
            return lines.joined(separator: "\n") + "\n"
        }
        var end = header + 1
        while end < lines.count, sectionName(lines[end]) == nil { end += 1 }
        var body: [String] = []
        var wroteID = false
        var wroteSecret = false
        for line in lines[(header + 1)..<end] {
            switch settingName(line) {
            case "aws_access_key_id":
                if !wroteID { body.append("aws_access_key_id = \(keyID)") }
                wroteID = true
            case "aws_secret_access_key":
                if !wroteSecret { body.append("aws_secret_access_key = \(secret)") }
                wroteSecret = true
            case "aws_session_token", "aws_security_token":
                continue
            default:
                body.append(line)
            }
        }
        var insert: [String] = []
        if !wroteID { insert.append("aws_access_key_id = \(keyID)") }
        if !wroteSecret { insert.append("aws_secret_access_key = \(secret)") }
        body.insert(contentsOf: insert, at: 0)
        lines.replaceSubrange((header + 1)..<end, with: body)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `name` for a `[name]` header line, else nil.
    static func sectionName(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("["), let close = trimmed.lastIndex(of: "]") else { return nil }
        return trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
    }

    /// The lower-cased setting name of a `key = value` line (not indented, not a comment).
    static func settingName(_ line: String) -> String? {
        guard let first = line.first, first != " ", first != "\t", first != "#", first != ";",
            let split = line.firstIndex(of: "=")
        else { return nil }
        return line[..<split].trimmingCharacters(in: .whitespaces).lowercased()
    }
}
