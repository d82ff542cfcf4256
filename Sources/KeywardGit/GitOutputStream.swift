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
    private static let chunk = 1 << 18
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)

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

    deinit {
        scratch.deallocate()
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
        var scanned = 0
        while true {
            if let index = Self.find(delimiter, in: buffer, from: start + scanned) {
                let out = Array(buffer[start..<index])
                start = index + 1
                return out
            }
            scanned = buffer.count - start
            if try !fill() {
                if start == buffer.count { return nil }
                let out = Array(buffer[start...])
                start = buffer.count
                return out
            }
        }
    }

    /// Index of the first `byte` in `bytes[from..<limit]` (memchr); `limit` defaults to the end.
    static func find(_ byte: UInt8, in bytes: [UInt8], from: Int, limit: Int? = nil) -> Int? {
        let end = min(limit ?? bytes.count, bytes.count)
        guard from < end else { return nil }
        return bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress,
                let hit = memchr(base + from, Int32(byte), end - from)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Exactly `count` bytes, or nil if the stream ends first.
    public func read(count: Int) throws -> [UInt8]? {
        guard count >= 0 else { return nil }
        // A size announced in git's output is not trusted with memory: past `directReadLimit`
        // the result grows as bytes actually arrive (a lying header ends as a short read).
        if count > Self.directReadLimit {
            var out: [UInt8] = []
            while out.count < count {
                guard let piece = try read(count: min(Self.directReadLimit, count - out.count)) else { return nil }
                out += piece
            }
            return out
        }
        let buffered = min(count, buffer.count - start)
        if buffered == count {
            let out = Array(buffer[start..<(start + count)])
            start += count
            return out
        }
        // Large reads go straight into the result instead of through the buffer.
        var complete = true
        let out = try [UInt8](unsafeUninitializedCapacity: count) { destination, initialized in
            buffer.withUnsafeBufferPointer { source in
                if buffered > 0, let base = source.baseAddress, let target = destination.baseAddress {
                    target.initialize(from: base + start, count: buffered)
                }
            }
            initialized = buffered
            while initialized < count {
                let n = try readSome(
                    into: UnsafeMutableRawBufferPointer(
                        UnsafeMutableBufferPointer(rebasing: destination[initialized...])))
                if n == 0 {
                    complete = false
                    return
                }
                initialized += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        start = 0
        return complete ? out : nil
    }

    /// The largest read allocated whole before its bytes arrive.
    static let directReadLimit = 16 << 20

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
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        let received = try readSome(into: scratch)
        guard received > 0 else { return false }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<received]))
        return true
    }

    /// One `read(2)` into `target`, retried on EINTR; 0 at end of stream (which is remembered).
    private func readSome(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !atEOF, fd >= 0 else { return 0 }
        while true {
            #if canImport(Glibc)
                let n = Glibc.read(fd, target.baseAddress, target.count)
            #else
                let n = Darwin.read(fd, target.baseAddress, target.count)
            #endif
            if n > 0 { return n }
            if n == 0 {
                atEOF = true
                return 0
            }
            if errno == EINTR { continue }
            atEOF = true
            throw GitError.io(path: "<git output>", detail: "read failed (errno \(errno))")
        }
    }
}
