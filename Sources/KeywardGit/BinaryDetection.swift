/// Git's own test for binary content: a NUL byte in the first 8000 bytes.
enum BinaryDetection {
    /// True when `content` looks binary.
    static func isBinary(_ content: [UInt8]) -> Bool {
        GitOutputStream.find(0, in: content, from: 0, limit: 8000) != nil
    }
}
