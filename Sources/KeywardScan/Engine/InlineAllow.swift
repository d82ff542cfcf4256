import Foundation

/// Inline comments that silence a finding on their line, keyward's own and other tools' markers
/// (for teams that migrate).
enum InlineAllow {
    /// Lower case: the prefilter finds them case-insensitively, then the bytes are compared exactly.
    static let markers: [[UInt8]] = [
        "keyward:allow", "gitleaks:allow", "trufflehog:ignore", "pragma: allowlist secret",
    ].map { Array($0.utf8) }

    /// True when `bytes[range]` (one line) holds a marker, read from the prefilter's pass over
    /// `bytes`: `patterns` are the markers' pattern indices in `found`. A marker the pass could not
    /// count (dense, or no database) is searched for in the line.
    static func isAllowed(
        _ bytes: UnsafeRawBufferPointer, line range: Range<Int>, found: KeywordPrefilter.Occurrences,
        patterns: [Int]
    ) -> Bool {
        guard !range.isEmpty, let base = bytes.baseAddress else { return false }
        let line = UnsafeRawBufferPointer(rebasing: bytes[range])
        for (marker, pattern) in zip(markers, patterns) {
            if found.dense[pattern] {
                if ByteSearch.contains(line, marker) { return true }
                continue
            }
            for start in found.positions[pattern]
            where start >= range.lowerBound && start + marker.count <= range.upperBound
                && memcmp(base + start, marker, marker.count) == 0
            {
                return true
            }
        }
        return false
    }
}
