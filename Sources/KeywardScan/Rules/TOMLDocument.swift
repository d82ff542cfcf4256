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

    /// 1-based lines of every `[[name]]` header, in order: the n-th entry is where element n of the
    /// array of tables starts. One pass over the bytes (``lineOf(codingPath:key:in:)`` per element
    /// would split the whole text once per element).
    static func arrayHeaderLines(_ name: String, in text: String) -> [Int] {
        let header = Array("[[\(name)]]".utf8)
        var result: [Int] = []
        var line = 1
        var atLineStart = true
        var utf8 = Array(text.utf8)
        utf8.append(0x0A)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 0x0A {
                line += 1
                atLineStart = true
            } else if atLineStart, byte != 0x20, byte != 0x09 {
                atLineStart = false
                if utf8.count - index >= header.count, Array(utf8[index..<(index + header.count)]) == header {
                    result.append(line)
                }
            }
            index += 1
        }
        return result
    }

    /// Best-effort line of a decoding problem: follows the coding path through `[table]` and
    /// `[[array]]` headers (the n-th one for an index), then finds `key =` below.
    static func lineOf(codingPath: [CodingKey], key: String?, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var current = 0
        var tablePath: [String] = []
        var components = codingPath.map { ($0.stringValue, $0.intValue) }
        if let key, components.last?.0 != key { components.append((key, nil)) }
        var index = 0
        while index < components.count {
            let (name, _) = components[index]
            let nextIndex = index + 1 < components.count ? components[index + 1].1 : nil
            let isLast = index == components.count - 1
            if let nth = nextIndex {
                let header = "[[" + (tablePath + [name]).joined(separator: ".") + "]]"
                var seen = -1
                for number in current..<lines.count where lines[number].hasPrefix(header) {
                    seen += 1
                    if seen == nth {
                        current = number
                        break
                    }
                }
                tablePath.append(name)
                index += 2
                continue
            }
            if isLast {
                for number in current..<lines.count
                where lines[number].hasPrefix(name + " ") || lines[number].hasPrefix(name + "=") {
                    return number + 1
                }
                return current + 1
            }
            let header = "[" + (tablePath + [name]).joined(separator: ".") + "]"
            if let number = (current..<lines.count).first(where: { lines[$0].hasPrefix(header) }) {
                current = number
            }
            tablePath.append(name)
            index += 1
        }
        return current + 1
    }
}
