import Foundation

/// What libarchive reads an archive from: the head the scanner already read (to recognise the
/// archive), then the rest of the file or parent member. Seekable over a file descriptor, so a
/// zip on disk is read through its central directory; a nested archive streams.
final class ArchiveInput {
    private let head: UnsafeRawBufferPointer
    private var headServed = false
    private let source: ByteSource
    /// A file on disk (the outermost archive, `source` itself): seek and skip go through `lseek`.
    let seekable: FileDescriptorSource?
    private let budget: ArchiveBudget?
    private let scratch: UnsafeMutableRawBufferPointer
    private var position = 0
    /// Why the last read failed (reported with the archive).
    private(set) var failure: ReadFailure?

    /// Reads `head` first, then `source`. `budget` counts the bytes read (outermost archive only).
    init(head: UnsafeRawBufferPointer, source: ByteSource, seekable: FileDescriptorSource?, budget: ArchiveBudget?) {
        self.head = head
        self.source = source
        self.seekable = seekable
        self.budget = budget
        scratch = .allocate(byteCount: 64 << 10, alignment: 16)
    }

    deinit { scratch.deallocate() }

    /// The next block: a pointer and its length, 0 at the end, -1 on error.
    func read() -> (UnsafeRawPointer?, Int) {
        if !headServed {
            headServed = true
            if let base = head.baseAddress, !head.isEmpty {
                return served(base, head.count)
            }
        }
        guard let base = scratch.baseAddress else { return (nil, -1) }
        do {
            return served(base, try source.read(into: base, count: scratch.count))
        } catch {
            failure = error
            return (nil, -1)
        }
    }

    private func served(_ base: UnsafeRawPointer, _ count: Int) -> (UnsafeRawPointer?, Int) {
        position += count
        budget?.consumed += count
        return (base, count)
    }

    /// Moves to `offset` from `whence` (`SEEK_SET`, `SEEK_CUR`, `SEEK_END`); the new position or -1.
    func seek(_ offset: Int64, whence: Int32) -> Int64 {
        guard let file = seekable else { return -1 }
        let target: off_t
        switch whence {
        case SEEK_SET: target = off_t(offset)
        case SEEK_CUR: target = off_t(position) + off_t(offset)
        default: target = file.seek(off_t(offset), whence: SEEK_END)
        }
        guard target >= 0, file.seek(target, whence: SEEK_SET) == target else { return -1 }
        headServed = true
        position = Int(target)
        return Int64(target)
    }

    /// Skips `request` bytes forward; the bytes skipped.
    func skip(_ request: Int64) -> Int64 {
        let from = position
        return seek(request, whence: SEEK_CUR) < 0 ? 0 : Int64(position - from)
    }
}
