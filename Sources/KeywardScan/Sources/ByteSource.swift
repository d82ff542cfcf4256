import Foundation

/// Why reading a file or archive member stopped before its end.
struct ReadFailure: Error {
    /// Short reason for `scanned.skipped`.
    var reason: String
    /// The enclosing archive cannot go on either (corrupt stream, expansion limit).
    var stopsArchive = false
    /// Already listed in `scanned.skipped` by the level that hit it.
    var reported = false
}

/// Bytes read front to back: a file descriptor or an archive member.
protocol ByteSource: AnyObject {
    /// Reads up to `count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int
    /// At a hole of a sparse file (at least 1 MiB of zeros the file system does not store): moves
    /// past it and returns its length; otherwise 0.
    func skipHole() -> Int
}

extension ByteSource {
    func skipHole() -> Int { 0 }
}

/// An open file, read with `read(2)` (retried on `EINTR`).
///
/// Given the size `fstat` reported, a short read that reaches it ends the file without the extra
/// `read` that would return 0 (one system call per file, ~15,000 in the benchmark's directory scan).
/// A file that grows after `fstat` is scanned as it was then; one that shrinks ends at its 0, and so
/// does one whose size is 0 (pseudo-files).
final class FileDescriptorSource: ByteSource {
    let fd: Int32
    private let size: Int?
    /// Where the next read starts.
    private var offset = 0
    private var ended = false

    init(fd: Int32, size: Int? = nil) {
        self.fd = fd
        self.size = size
    }

    /// `SEEK_DATA` (Linux; Glibc exports it only under `_GNU_SOURCE`, which Swift does not set).
    static let seekData: Int32 = 3

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
        if ended { return 0 }
        while true {
            let read = Glibc.read(fd, buffer, count)
            if read >= 0 {
                offset += read
                // A size of 0 is not trusted: procfs and sysfs files say 0 and still hold bytes.
                if let size, size > 0, read < count, offset >= size { ended = true }
                return read
            }
            if errno == EINTR { continue }
            throw ReadFailure(reason: FileScanner.reason(errno))
        }
    }

    /// `lseek(2)` (libarchive reading a zip through its central directory): the new offset, or -1.
    /// Reads go on from there, past an end seen before.
    func seek(_ offset: off_t, whence: Int32) -> off_t {
        let target = lseek(fd, offset, whence)
        if target >= 0 {
            self.offset = Int(target)
            ended = false
        }
        return target
    }

    func skipHole() -> Int {
        let here = lseek(fd, 0, SEEK_CUR)
        guard here >= 0 else { return 0 }
        var data = lseek(fd, here, Self.seekData)
        if data < 0 {
            // ENXIO: nothing but a hole up to the end of the file.
            guard errno == ENXIO else { return 0 }
            data = lseek(fd, 0, SEEK_END)
        }
        guard data >= here, data - here >= 1 << 20 else {
            lseek(fd, here, SEEK_SET)
            return 0
        }
        offset = Int(data)
        return Int(data - here)
    }
}
