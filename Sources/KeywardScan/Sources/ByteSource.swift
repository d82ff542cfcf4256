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
}

/// An open file, read with `read(2)` (retried on `EINTR`).
final class FileDescriptorSource: ByteSource {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
        while true {
            let read = Glibc.read(fd, buffer, count)
            if read >= 0 { return read }
            if errno == EINTR { continue }
            throw ReadFailure(reason: FileScanner.reason(errno))
        }
    }
}
