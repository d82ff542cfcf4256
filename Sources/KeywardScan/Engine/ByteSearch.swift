import Foundation

/// Substring search over raw bytes (glibc's memmem is not visible to Swift without _GNU_SOURCE).
enum ByteSearch {
    /// True when `needle` occurs in `haystack`.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, let base = haystack.baseAddress, needle.count <= haystack.count else {
            return needle.isEmpty
        }
        let last = haystack.count - needle.count
        var offset = 0
        while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
            let position = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + position, needle, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}
