import Foundation

/// Scans one stream of bytes (a file, an archive member) in bounded chunks with one worker: a
/// multi-gigabyte stream costs `chunkSize + 2 × overlap` bytes of memory, and the holes of a sparse
/// file (zeros the file system does not store) are stepped over, not read.
///
/// Chunk k owns the stream bytes `[k × chunkSize, (k + 1) × chunkSize)`: it reports the secrets that
/// start there. It also sees `overlap` bytes on each side, so a match that runs past its end is read
/// whole, and a key name or key ID just before its start still counts.
final class StreamScanner {
    let worker: EngineWorker
    let chunkSize: Int
    /// Context read on each side of a chunk.
    let overlap: Int
    private let buffer: UnsafeMutableRawBufferPointer

    init(worker: EngineWorker, chunkSize: Int, overlap: Int) {
        self.worker = worker
        self.chunkSize = max(chunkSize, 2 * overlap)
        self.overlap = overlap
        buffer = .allocate(byteCount: self.chunkSize + 2 * overlap, alignment: 16)
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

    /// Reads the first chunk (with the context after it: no context comes before the first chunk).
    func readHead(_ source: ByteSource) throws(ReadFailure) -> Head {
        let read = try fill(source, from: 0, upTo: chunkSize + overlap)
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])
        return Head(bytes: bytes, atEnd: read < chunkSize + overlap, isBinary: Self.isBinary(bytes))
    }

    /// Git's test, used for files, archive members and blobs alike: a NUL byte in the first 8,000 bytes.
    static func isBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let probe = UnsafeRawBufferPointer(rebasing: bytes.prefix(8000))
        return probe.baseAddress.map { memchr($0, 0, probe.count) != nil } ?? false
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
        // Position (line, column, offset) of the buffer's first byte.
        var position = ChunkPosition()
        var carried = 0
        var read = head.bytes.count
        var total = 0
        // No context before the first chunk, nor before the one after a hole.
        var fresh = true
        while true {
            let capacity = fresh ? chunkSize + overlap : chunkSize + 2 * overlap
            let filled = carried + read
            let atEnd = filled < capacity
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            let ownedStart = fresh ? 0 : overlap
            fresh = false
            let ownedEnd = atEnd ? filled : filled - overlap
            result.append(
                worker.scanChunk(chunk, path: path, owned: ownedStart..<max(ownedStart, ownedEnd), position: position))
            total += max(0, ownedEnd - ownedStart)
            if atEnd { return (total, nil) }
            // The next buffer starts `overlap` bytes before the next owned range.
            let keep = ownedEnd - overlap
            advance(&position, over: UnsafeRawBufferPointer(rebasing: chunk[0..<keep]))
            carried = filled - keep
            guard let base = buffer.baseAddress else { return (total, ReadFailure(reason: "error: no read buffer")) }
            memmove(base, base + keep, carried)
            let hole = source.skipHole()
            if hole > 0 {
                // A sparse file's hole holds only zeros: scan the carried bytes not yet owned, then jump.
                let tail = UnsafeRawBufferPointer(rebasing: buffer[0..<carried])
                result.append(worker.scanChunk(tail, path: path, owned: overlap..<carried, position: position))
                advance(&position, over: tail)
                position.column += hole
                position.offset += hole
                total += carried - overlap + hole
                carried = 0
                fresh = true
            }
            do {
                read = try fill(source, from: carried, upTo: fresh ? chunkSize + overlap : chunkSize + 2 * overlap)
            } catch {
                return (total, error)
            }
        }
    }

    /// Reads until `end` or the end of the stream; the bytes read.
    private func fill(_ source: ByteSource, from start: Int, upTo end: Int) throws(ReadFailure) -> Int {
        guard let base = buffer.baseAddress else { throw ReadFailure(reason: "error: no read buffer") }
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
