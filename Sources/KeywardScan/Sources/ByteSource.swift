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
final class FileDescriptorSource: ByteSource {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    /// `SEEK_DATA` (Linux; Glibc exports it only under `_GNU_SOURCE`, which Swift does not set).
    static let seekData: Int32 = 3

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
        while true {
            let read = Glibc.read(fd, buffer, count)
            if read >= 0 { return read }
            if errno == EINTR { continue }
            throw ReadFailure(reason: FileScanner.reason(errno))
        }
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
        return Int(data - here)
    }
}
