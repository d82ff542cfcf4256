/// Git's C-style quoting of path names (as printed with `core.quotepath=off`).
enum GitQuoting {
    /// The `diff --git a/OLD b/NEW` line git prints for a file pair.
    static func diffHeader(old: [UInt8], new: [UInt8]) -> [UInt8] {
        Array("diff --git ".utf8) + quote(Array("a/".utf8) + old) + [0x20] + quote(Array("b/".utf8) + new)
    }

    /// `name` as git prints it: unchanged, or in double quotes with C escapes when it holds `"`, `\` or
    /// control characters.
    static func quote(_ name: [UInt8]) -> [UInt8] {
        guard name.contains(where: needsEscape) else { return name }
        var out: [UInt8] = [0x22]
        for byte in name {
            switch byte {
            case 0x07: out += Array("\\a".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0B: out += Array("\\v".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case _ where byte < 0x20 || byte == 0x7F:
                out.append(0x5C)
                out += Array(String(byte, radix: 8).leftPadded(to: 3).utf8)
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return out
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x5C
    }
}

extension String {
    /// The string left-padded with zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
