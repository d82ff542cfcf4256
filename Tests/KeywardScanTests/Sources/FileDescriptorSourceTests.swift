import Foundation
import Testing

@testable import KeywardScan

/// A file read with the size `fstat` gave ends at the short read that reaches it, without the
/// extra `read` returning 0; a seek (libarchive in a zip) starts reading again.
@Suite struct FileDescriptorSourceTests {
    /// "0123456789" in a temporary file, read through a source told `size`; `body` gets the
    /// source, the file's path and a 64-byte buffer.
    static func withTenByteFile(
        size: Int?, _ body: (FileDescriptorSource, String, inout [UInt8]) throws -> Void
    ) throws {
        let path = NSTemporaryDirectory() + "kw-fdsource-\(UUID().uuidString)"
        try Data("0123456789".utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd); unlink(path) }
        var buffer = [UInt8](repeating: 0, count: 64)
        try body(FileDescriptorSource(fd: fd, size: size), path, &buffer)
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    @Test func shortReadAtTheSizeEndsTheFile() throws {
        try Self.withTenByteFile(size: 10) { source, path, buffer throws in
            #expect(try source.read(into: &buffer, count: 64) == 10)
            // Bytes appended after fstat are not read: the source already knows it is at the end.
            try Self.append("appended", to: path)
            #expect(try source.read(into: &buffer, count: 64) == 0)
            // Without a size, the next read asks the kernel and sees them.
            let unsized = FileDescriptorSource(fd: source.fd)
            #expect(try unsized.read(into: &buffer, count: 64) == 8)
        }
    }

    @Test func aZeroSizeIsNotTrusted() throws {
        // procfs and sysfs files report size 0 and still hold bytes: read until read(2) says 0.
        try Self.withTenByteFile(size: 0) { source, path, buffer throws in
            #expect(try source.read(into: &buffer, count: 64) == 10)
            try Self.append("appended", to: path)
            #expect(try source.read(into: &buffer, count: 64) == 8)
            #expect(try source.read(into: &buffer, count: 64) == 0)
        }
    }

    @Test func fullReadsDoNotEndEarly() throws {
        try Self.withTenByteFile(size: 10) { source, _, buffer throws in
            // A read that fills its buffer is not short: the end is not assumed, even at the size.
            #expect(try source.read(into: &buffer, count: 4) == 4)
            #expect(try source.read(into: &buffer, count: 6) == 6)
            #expect(try source.read(into: &buffer, count: 64) == 0)
        }
    }

    @Test func aSeekReadsAgain() throws {
        try Self.withTenByteFile(size: 10) { source, _, buffer throws in
            #expect(try source.read(into: &buffer, count: 64) == 10)
            #expect(source.seek(6, whence: SEEK_SET) == 6)
            #expect(try source.read(into: &buffer, count: 64) == 4)
            #expect(Array(buffer[0..<4]) == Array("6789".utf8))
            #expect(try source.read(into: &buffer, count: 64) == 0)
        }
    }
}
