import Foundation

/// The header fields of an HTTP answer, fed one raw line at a time as libcurl hands them over.
///
/// Every status line (`HTTP/…`) starts the fields afresh, so a `100 Continue`, another interim answer or
/// a proxy's CONNECT reply never leaks its fields into the final response's. Bounded: past
/// `maxBytes` of kept lines the answer is refused.
struct ResponseHeaderLines {
    /// The most header bytes one answer may carry (libcurl caps a single line at 100 KB).
    static let maxBytes = 256 * 1024

    private var lines: [(name: String, value: String)] = []
    private var bytes = 0
    /// A line pushed the kept fields past `maxBytes`.
    private(set) var tooLarge = false

    /// Adds one raw line (CRLF included); false when the answer's headers grew past `maxBytes`.
    mutating func add(_ raw: UnsafeRawBufferPointer) -> Bool {
        add(String(decoding: raw, as: UTF8.self))
    }

    /// Adds one line (CRLF included or not); false when the answer's headers grew past `maxBytes`.
    mutating func add(_ raw: String) -> Bool {
        var line = Substring(raw)
        while let last = line.last, last == "\n" || last == "\r" || last == "\r\n" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            lines = []
            bytes = 0
            return true
        }
        bytes += raw.utf8.count
        guard bytes <= Self.maxBytes else {
            tooLarge = true
            return false
        }
        if line.isEmpty { return true }
        if let first = line.first, first == " " || first == "\t" {
            // An obsolete folded continuation of the previous field.
            if !lines.isEmpty { lines[lines.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces) }
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = String(line[..<colon])
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return true }
        lines.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        return true
    }

    /// The fields by name as first spelled; a name that repeats (in any case) has its values joined by ", ".
    var fields: [String: String] {
        var fields: [String: String] = [:]
        var spelling: [String: String] = [:]
        for (name, value) in lines {
            let key = name.lowercased()
            if let first = spelling[key], let earlier = fields[first] {
                fields[first] = earlier + ", " + value
            } else {
                spelling[key] = name
                fields[name] = value
            }
        }
        return fields
    }
}
