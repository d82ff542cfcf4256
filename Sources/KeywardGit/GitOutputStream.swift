#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered reader over a git process's standard output, for streaming parsers.
public final class GitOutputStream {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private static let chunk = 1 << 16

    /// Wraps a readable file descriptor (not closed by this reader).
    public init(fileDescriptor: Int32) {
        self.fd = fileDescriptor
    }

    /// Wraps bytes already in memory (for parsers under test).
    public init(bytes: [UInt8]) {
        self.fd = -1
        self.buffer = bytes
        self.atEOF = true
    }

    /// The next byte without consuming it; nil at end of stream.
    public func peek() throws -> UInt8? {
        if start == buffer.count, try !fill() { return nil }
        return buffer[start]
    }

    /// Consumes one byte.
    public func skip() throws {
        if start == buffer.count, try !fill() { return }
        start += 1
    }

    /// Bytes up to (not including) `delimiter`, which is consumed; the rest at end of stream; nil if nothing is left.
    public func read(until delimiter: UInt8) throws -> [UInt8]? {
        var searchFrom = start
        while true {
            if let index = buffer[searchFrom...].firstIndex(of: delimiter) {
                let out = Array(buffer[start..<index])
                start = index + 1
                return out
            }
            let before = buffer.count - start
            if try !fill() {
                if start == buffer.count { return nil }
                let out = Array(buffer[start...])
                start = buffer.count
                return out
            }
            searchFrom = start + before
        }
    }

    /// Exactly `count` bytes, or nil if the stream ends first.
    public func read(count: Int) throws -> [UInt8]? {
        while buffer.count - start < count {
            if try !fill() { return nil }
        }
        let out = Array(buffer[start..<(start + count)])
        start += count
        return out
    }

    /// Everything left in the stream.
    public func readToEnd() throws -> [UInt8] {
        while try fill() {}
        let out = Array(buffer[start...])
        start = buffer.count
        return out
    }

    /// Reads and drops everything left.
    public func drain() {
        start = buffer.count
        while (try? fill()) == true { start = buffer.count }
    }

    /// Appends the next chunk; false at end of stream.
    private func fill() throws -> Bool {
        if atEOF { return false }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let old = buffer.count
        buffer.reserveCapacity(old + Self.chunk)
        var chunk = [UInt8](repeating: 0, count: Self.chunk)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(fd, raw.baseAddress, Self.chunk)
                #else
                Darwin.read(fd, raw.baseAddress, Self.chunk)
                #endif
            }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 {
                atEOF = true
                return false
            }
            if errno == EINTR { continue }
            atEOF = true
            throw GitError.io(path: "<git output>", detail: "read failed (errno \(errno))")
        }
    }
}
