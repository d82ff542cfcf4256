#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a git process's standard input while its output is read (see
/// ``GitRunning/streamWithInput(_:in:body:)``). Buffered; one thread writes.
public final class GitInputWriter {
    private var fd: Int32
    private var buffer: [UInt8] = []
    /// Bytes gathered before one write.
    private static let flushSize = 1 << 12

    /// Wraps a writable socket (closed by ``close()``).
    init(fileDescriptor: Int32) {
        fd = fileDescriptor
    }

    deinit { close() }

    /// Queues `bytes`; writes once enough are gathered.
    public func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes everything queued.
    public func flush() throws {
        guard fd >= 0 else {
            if buffer.isEmpty { return }
            throw GitError.io(path: "<git input>", detail: "write after close")
        }
        var sent = 0
        while sent < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                sent += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                buffer.removeAll()
                throw GitError.io(path: "<git input>", detail: "git stopped reading its input (errno \(errno))")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is queued (best effort) and closes: git sees the end of its input.
    public func close() {
        guard fd >= 0 else { return }
        try? flush()
        closeDescriptor(fd)
        fd = -1
    }
}

private func closeDescriptor(_ fd: Int32) {
    close(fd)
}
