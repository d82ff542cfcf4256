import Foundation
import TOMLKit

/// Decodes TOML text into a Decodable shape, turning every failure into a one-line
/// ``ScanError/invalidFile(path:line:message:)`` that names the file and line.
enum TOMLDocument {
    static func decode<T: Decodable>(_ type: T.Type, text: String, path: String) throws(ScanError) -> T {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalidFile(path: path, line: error.source.begin.line, message: error.description)
        } catch {
            throw .invalidFile(path: path, line: 1, message: "\(error)")
        }
        do {
            return try TOMLDecoder(strictDecoding: true).decode(T.self, from: table)
        } catch let error as UnexpectedKeysError {
            let key = error.keys.keys.sorted().first ?? "?"
            let codingPath = error.keys[key] ?? []
            let line = lineOf(codingPath: codingPath, key: key, in: text)
            throw .invalidFile(path: path, line: line, message: "unknown key '\(key)'")
        } catch let error as DecodingError {
            let (codingPath, what) = describe(error)
            let line = lineOf(codingPath: codingPath, key: codingPath.last?.stringValue, in: text)
            throw .invalidFile(path: path, line: line, message: what)
        } catch {
            throw .invalidFile(path: path, line: 1, message: "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> ([CodingKey], String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (context.codingPath, "missing required key '\(key.stringValue)'")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let name = context.codingPath.last?.stringValue ?? "value"
            return (context.codingPath, "wrong type for '\(name)'")
        @unknown default:
            return ([], "\(error)")
        }
    }

    /// Best-effort line of a decoding problem: the n-th `[[table]]` header of the path's array, then the key.
    static func lineOf(codingPath: [CodingKey], key: String?, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var startLine = 0
        if let arrayKey = codingPath.first?.stringValue, codingPath.count >= 2,
            let index = codingPath[1].intValue
        {
            let header = "[[\(arrayKey)]]"
            var seen = -1
            for (number, line) in lines.enumerated()
            where line.trimmingCharacters(in: .whitespaces).hasPrefix(header) {
                seen += 1
                if seen == index {
                    startLine = number
                    break
                }
            }
        }
        if let key, codingPath.count != 2 {
            for number in startLine..<lines.count {
                let trimmed = lines[number].trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") { return number + 1 }
            }
        }
        return startLine + 1
    }
}
