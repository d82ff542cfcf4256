/// Git's own test for binary content: a NUL byte in the first 8000 bytes.
enum BinaryDetection {
    /// True when `content` looks binary.
    static func isBinary(_ content: [UInt8]) -> Bool {
        content.prefix(8000).contains(0)
    }
}
