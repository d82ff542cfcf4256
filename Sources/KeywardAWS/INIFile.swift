import Foundation

/// The INI dialect of `~/.aws/credentials` and `~/.aws/config`.
///
/// `[section]` headers; `key = value` lines (the first `=`, else the first `:`, splits them; keys are
/// lower-cased); whole-line comments starting with `#` or `;`; an indented line continues the value
/// above it (the nested `s3 =` style). There are no inline comments, as in the AWS CLI.
package struct INIFile: Sendable, Equatable {
    /// Section name (trimmed, as written) → key → value; later duplicates win.
    package var sections: [String: [String: String]] = [:]

    /// Parses INI text; lines before the first section and lines it cannot read are ignored.
    package init(parsing text: String) {
        var current: String?
        var lastKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if let first = line.first, first == " " || first == "\t" {
                if let section = current, let key = lastKey {
                    sections[section]?[key, default: ""] += "\n" + trimmed
                }
                continue
            }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.lastIndex(of: "]") else { current = nil; continue }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                    .trimmingCharacters(in: .whitespaces)
                current = name
                lastKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current,
                let split = trimmed.firstIndex(of: "=") ?? trimmed.firstIndex(of: ":")
            else { continue }
            let key = trimmed[..<split].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: split)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            sections[section]?[key] = value
            lastKey = key
        }
    }

    /// Reads and parses a file; nil when it does not exist, `AWSError.configuration` when it cannot be read.
    package static func load(path: String) throws -> INIFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSError.configuration("cannot read \(path)")
        }
        return INIFile(parsing: String(decoding: data, as: UTF8.self))
    }
}
