import Foundation

/// A path as the kernel sees it: bytes, not necessarily UTF-8. Opened through its bytes, so a file
/// whose name is not valid UTF-8 is read like any other.
struct RawPath: Hashable, Sendable {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    init(_ string: String) { bytes = Array(string.utf8) }

    /// `self/name` (no separator doubled; an empty path gives `name`).
    func appending(_ name: [UInt8]) -> RawPath {
        if bytes.isEmpty { return RawPath(bytes: name) }
        return RawPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// Calls `body` with the path NUL-terminated.
    func withCString<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
        var terminated = bytes.map { CChar(bitPattern: $0) }
        terminated.append(0)
        return body(terminated)
    }

    /// The path for reports: itself when valid UTF-8, else with each invalid byte as `\xNN`.
    var displayed: String { Self.displayed(bytes) }

    /// The bytes to report next to ``displayed`` (`path_bytes`): nil when the path is valid UTF-8.
    var nonUTF8Bytes: [UInt8]? { Self.isValidUTF8(bytes) ? nil : bytes }

    static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// Valid UTF-8 as is; each byte of an invalid sequence as `\xNN` (lowercase hex).
    static func displayed(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes[index])
            if length > 0, index + length <= bytes.count,
                let scalar = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                out += scalar
                index += length
            } else {
                let hex = String(bytes[index], radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                index += 1
            }
        }
        return out
    }

    /// Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot lead one.
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }
}
