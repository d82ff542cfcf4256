import Foundation

/// Reads one file in bounded, overlapping chunks and scans each with one worker; a multi-gigabyte
/// file costs `chunkSize + overlap` bytes of memory.
final class FileScanner {
    /// What happened to one file.
    enum Outcome {
        case scanned(ContentScanResult, bytes: Int)
        case skipped(String)
    }

    let worker: EngineWorker
    let chunkSize: Int
    /// Longest match that may straddle two chunks.
    let overlap: Int
    private let buffer: UnsafeMutableRawBufferPointer

    init(worker: EngineWorker, chunkSize: Int = 8 << 20, overlap: Int = 64 << 10) {
        self.worker = worker
        self.chunkSize = max(chunkSize, 2 * overlap)
        self.overlap = overlap
        buffer = .allocate(byteCount: self.chunkSize + overlap, alignment: 16)
    }

    deinit { buffer.deallocate() }

    func scan(_ file: WalkedFile) -> Outcome {
        let fd = open(file.absolutePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .skipped(Self.reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .skipped(Self.reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .skipped("not a regular file") }

        var result = ContentScanResult()
        var position = ChunkPosition()
        var carried = 0
        var total = 0
        var first = true
        while true {
            let (read, error) = fill(fd, from: carried, upTo: carried + chunkSize)
            if let error { return .skipped(error) }
            let filled = carried + read
            let atEnd = filled < carried + chunkSize
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            if first {
                first = false
                let head = UnsafeRawBufferPointer(rebasing: chunk.prefix(8000))
                if let base = head.baseAddress, memchr(base, 0, head.count) != nil { return .skipped("binary") }
                if atEnd {
                    return .scanned(worker.scanDocument(chunk, path: file.path), bytes: filled)
                }
            }
            let ownedEnd = atEnd ? filled : filled - overlap
            result.append(worker.scanChunk(chunk, path: file.path, ownedEnd: ownedEnd, position: position))
            total += ownedEnd
            if atEnd { break }
            advance(&position, over: UnsafeRawBufferPointer(rebasing: chunk[0..<ownedEnd]))
            carried = filled - ownedEnd
            guard let base = buffer.baseAddress else { break }
            memmove(base, base + ownedEnd, carried)
        }
        return .scanned(result, bytes: total)
    }

    /// Reads until `end` or end of file; returns the bytes read or why reading failed.
    private func fill(_ fd: Int32, from start: Int, upTo end: Int) -> (Int, String?) {
        guard let base = buffer.baseAddress else { return (0, "error: no read buffer") }
        var offset = start
        while offset < end {
            let count = Glibc.read(fd, base + offset, end - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return (offset - start, Self.reason(errno))
            }
            if count == 0 { break }
            offset += count
        }
        return (offset - start, nil)
    }

    private func advance(_ position: inout ChunkPosition, over bytes: UnsafeRawBufferPointer) {
        let lines = LineIndex(bytes)
        if let last = lines.newlines.last {
            position.line += lines.newlines.count
            position.column = bytes.count - last - 1
        } else {
            position.column += bytes.count
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "vanished"
        case ELOOP: return "symlink loop"
        default: return "unreadable: " + String(cString: strerror(code))
        }
    }
}
