import Foundation

/// Scans one stream of bytes (a file, an archive member) in bounded, overlapping chunks with one
/// worker: a multi-gigabyte stream costs `chunkSize + overlap` bytes of memory, and the holes of a
/// sparse file (zeros the file system does not store) are stepped over, not read.
final class StreamScanner {
    let worker: EngineWorker
    let chunkSize: Int
    /// Longest match that may straddle two chunks.
    let overlap: Int
    private let buffer: UnsafeMutableRawBufferPointer

    init(worker: EngineWorker, chunkSize: Int, overlap: Int) {
        self.worker = worker
        self.chunkSize = max(chunkSize, 2 * overlap)
        self.overlap = overlap
        buffer = .allocate(byteCount: self.chunkSize + overlap, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The stream's first chunk, read into the buffer (valid until the next call).
    struct Head {
        var bytes: UnsafeRawBufferPointer
        /// The whole stream fits in it.
        var atEnd: Bool
        /// A NUL byte in its first 8,000 bytes: only binary-safe rules run.
        var isBinary: Bool
    }

    /// Reads the first chunk.
    func readHead(_ source: ByteSource) throws(ReadFailure) -> Head {
        let read = try fill(source, from: 0, upTo: chunkSize)
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])
        let probe = UnsafeRawBufferPointer(rebasing: bytes.prefix(8000))
        let isBinary = probe.baseAddress.map { memchr($0, 0, probe.count) != nil } ?? false
        return Head(bytes: bytes, atEnd: read < chunkSize, isBinary: isBinary)
    }

    /// Scans `head` and the rest of `source`; findings are kept when a read fails part way.
    func scan(
        _ source: ByteSource, head: Head, path: String, into result: inout ContentScanResult
    ) -> (bytes: Int, failure: ReadFailure?) {
        worker.binaryContent = head.isBinary
        defer { worker.binaryContent = false }
        if head.atEnd {
            result.append(worker.scanDocument(head.bytes, path: path))
            return (head.bytes.count, nil)
        }
        var position = ChunkPosition()
        var carried = 0
        var read = head.bytes.count
        var total = 0
        while true {
            let filled = carried + read
            let atEnd = read < chunkSize
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            let ownedEnd = atEnd ? filled : filled - overlap
            result.append(worker.scanChunk(chunk, path: path, ownedEnd: ownedEnd, position: position))
            total += ownedEnd
            if atEnd { return (total, nil) }
            advance(&position, over: UnsafeRawBufferPointer(rebasing: chunk[0..<ownedEnd]))
            carried = filled - ownedEnd
            guard let base = buffer.baseAddress else { return (total, ReadFailure(reason: "no buffer")) }
            memmove(base, base + ownedEnd, carried)
            let hole = source.skipHole()
            if hole > 0 {
                // A sparse file's hole holds only zeros: scan the carried tail as owned, then jump.
                let tail = UnsafeRawBufferPointer(rebasing: buffer[0..<carried])
                result.append(worker.scanChunk(tail, path: path, ownedEnd: carried, position: position))
                advance(&position, over: tail)
                position.column += hole
                position.offset += hole
                total += carried + hole
                carried = 0
            }
            do {
                read = try fill(source, from: carried, upTo: carried + chunkSize)
            } catch {
                return (total, error)
            }
        }
    }

    /// Reads until `end` or the end of the stream; the bytes read.
    private func fill(_ source: ByteSource, from start: Int, upTo end: Int) throws(ReadFailure) -> Int {
        guard let base = buffer.baseAddress else { throw ReadFailure(reason: "no buffer") }
        var offset = start
        while offset < end {
            let count = try source.read(into: base + offset, count: end - offset)
            if count == 0 { break }
            offset += count
        }
        return offset - start
    }

    private func advance(_ position: inout ChunkPosition, over bytes: UnsafeRawBufferPointer) {
        let lines = LineIndex(bytes)
        if let last = lines.newlines.last {
            position.line += lines.newlines.count
            position.column = bytes.count - last - 1
        } else {
            position.column += bytes.count
        }
        position.offset += bytes.count
    }
}
