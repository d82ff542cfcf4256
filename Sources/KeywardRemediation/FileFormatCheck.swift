import Foundation

/// Checks a rewritten file still has its format: by content for every file, by syntax where keyward knows it.
enum FileFormatCheck {
    enum Kind {
        case json, lines, other
    }

    /// The checker for a file name.
    static func kind(of path: String) -> Kind {
        let name = (path as NSString).lastPathComponent.lowercased()
        let ext = (name as NSString).pathExtension
        if ext == "json" { return .json }
        if ["ini", "env", "properties", "cfg", "conf", "toml"].contains(ext) || name.hasPrefix(".env")
            || name == "credentials" || name == "config"
        {
            return .lines
        }
        return .other
    }

    /// Throws `RemediationError.file` when the rewrite looks wrong.
    static func validate(
        path: String, original: String, rewritten: String, size: Int, expectedSize: Int, expect: String,
        gone: [String]
    ) throws {
        func fail(_ reason: String) -> RemediationError {
            .file(path: path, reason: "rewrite check failed: \(reason); file left unchanged")
        }
        guard rewritten.contains(expect) else { throw fail("the new key is missing") }
        guard !gone.contains(where: { rewritten.contains($0) }) else { throw fail("an old literal remains") }
        guard size == expectedSize else { throw fail("size \(size) bytes, expected \(expectedSize)") }
        switch kind(of: path) {
        case .json:
            let parsesBefore = (try? JSONSerialization.jsonObject(with: Data(original.utf8), options: .fragmentsAllowed)) != nil
            let parsesAfter = (try? JSONSerialization.jsonObject(with: Data(rewritten.utf8), options: .fragmentsAllowed)) != nil
            if parsesBefore, !parsesAfter { throw fail("no longer valid JSON") }
        case .lines:
            let before = original.components(separatedBy: "\n")
            let after = rewritten.components(separatedBy: "\n")
            guard before.count == after.count else { throw fail("line count changed") }
            for (old, new) in zip(before, after) where old != new {
                guard keyPart(old) == keyPart(new), keyPart(new) != nil else {
                    throw fail("a changed line is no longer the same `key = value` line")
                }
            }
        case .other:
            break
        }
    }

    /// The text before the first `=` or `:` of a `key = value` line.
    static func keyPart(_ line: String) -> String? {
        guard let split = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        return String(line[..<split])
    }
}
