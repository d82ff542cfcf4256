import Foundation

/// Inline comments that silence a finding on their line, keyward's own and other tools' markers
/// (for teams that migrate).
enum InlineAllow {
    static let markers: [[UInt8]] = [
        "keyward:allow", "gitleaks:allow", "trufflehog:ignore", "pragma: allowlist secret",
    ].map { Array($0.utf8) }

    /// True when `bytes[range]` (one line) holds a marker.
    static func isAllowed(_ bytes: UnsafeRawBufferPointer, line range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let line = UnsafeRawBufferPointer(rebasing: bytes[range])
        return markers.contains { ByteSearch.contains(line, $0) }
    }
}
