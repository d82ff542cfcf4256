import Foundation

/// Byte windows around keyword occurrences, merged: where a rule's regex can match.
enum SearchWindows {
    /// Bytes before a keyword where a match may start (key names before `secret`, `token`…).
    static let lookBack = 256

    /// Windows around `positions` (keyword starts): from ``lookBack`` bytes before each to
    /// `maxLength` bytes after it, then to the end of that line (at most `maxLength` more, for
    /// minified files). With `singleLine` (the rule never matches across a line) a window is the
    /// keyword's line instead, within the same bounds.
    static func around(
        _ positions: [Int], maxLength: Int, singleLine: Bool = false, in bytes: UnsafeRawBufferPointer
    ) -> [Range<Int>] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        let count = bytes.count
        var windows: [Range<Int>] = []
        for position in positions.sorted() {
            var lower = max(0, position - lookBack)
            // Where the search for the end of the line starts.
            var upper = singleLine ? min(count, position) : min(count, position + maxLength)
            if singleLine {
                var index = position - 1
                while index >= lower, base[index] != 0x0A { index -= 1 }
                lower = index + 1
            }
            // Finish the line so a match is never cut by the window (bounded for minified files).
            if upper < count {
                let limit = min(count - upper, singleLine ? 2 * maxLength : maxLength)
                if let newline = memchr(base + upper, 0x0A, limit) {
                    upper = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
                } else {
                    upper += limit
                }
            }
            if let last = windows.last, lower <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                windows.append(lower..<upper)
            }
        }
        return windows
    }
}
