import Foundation

/// Literal replacement inside base64 values (a Kubernetes Secret's `data:` entries, a base64'd
/// credentials file): each base64 token that decodes to UTF-8 text holding an old literal is decoded,
/// replaced and re-encoded in place, keeping its padding style.
enum Base64Values {
    /// One token rewritten.
    struct Change {
        var old: String
        var new: String
        var decodedNew: String
    }

    /// Tokens of at least 16 base64 characters, not part of a longer word.
    static let token: NSRegularExpression = {
        // The pattern is a constant; a failure here is a programming error caught by every test.
        guard let regex = try? NSRegularExpression(pattern: "(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])")
        else { preconditionFailure("bad base64 token pattern") }
        return regex
    }()

    /// The text with every matching token rewritten, and the changes made.
    static func rewrite(_ text: String, replacements: [(old: String, new: String)]) -> (text: String, changes: [Change]) {
        let ns = text as NSString
        var result = ""
        var changes: [Change] = []
        var last = 0
        for match in token.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let tokenText = ns.substring(with: match.range)
            guard let decoded = decode(tokenText) else { continue }
            var replaced = decoded
            for replacement in replacements where replaced.contains(replacement.old) {
                replaced = replaced.replacingOccurrences(of: replacement.old, with: replacement.new)
            }
            guard replaced != decoded else { continue }
            var encoded = Data(replaced.utf8).base64EncodedString()
            if !tokenText.hasSuffix("=") { while encoded.hasSuffix("=") { encoded.removeLast() } }
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last)) + encoded
            last = match.range.location + match.range.length
            changes.append(Change(old: tokenText, new: encoded, decodedNew: replaced))
        }
        guard !changes.isEmpty else { return (text, []) }
        result += ns.substring(from: last)
        return (result, changes)
    }

    /// Whether some base64 token of the text decodes to text containing `literal`.
    static func contains(_ text: String, _ literal: String) -> Bool {
        let ns = text as NSString
        return token.matches(in: text, range: NSRange(location: 0, length: ns.length)).contains { match in
            decode(ns.substring(with: match.range))?.contains(literal) ?? false
        }
    }

    /// A token decoded as UTF-8 text (padding restored); nil when it is not base64 of text.
    static func decode(_ token: String) -> String? {
        var padded = token
        while padded.utf8.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
