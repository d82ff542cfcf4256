import Foundation

/// Byte windows around keyword occurrences, merged: where a rule's regex can match.
enum SearchWindows {
    /// Bytes before a keyword where a match may start (key names before `secret`, `token`…).
    static let lookBack = 256

    static func around(_ positions: [Int], maxLength: Int, in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        let count = bytes.count
        var windows: [Range<Int>] = []
        for position in positions.sorted() {
            let lower = max(0, position - lookBack)
            var upper = min(count, position + maxLength)
            // Finish the line so a match is never cut by the window (bounded for minified files).
            if upper < count, let base = bytes.baseAddress {
                let limit = min(count - upper, maxLength)
                if let newline = memchr(base + upper, 0x0A, limit) {
                    upper = base.distance(to: UnsafeRawPointer(newline))
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
