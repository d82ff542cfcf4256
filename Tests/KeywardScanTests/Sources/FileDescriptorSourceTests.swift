import Foundation
import Testing

@testable import KeywardScan

/// A file read with the size `fstat` gave ends at the short read that reaches it, without the
/// extra `read` returning 0; a seek (libarchive in a zip) starts reading again.
@Suite struct FileDescriptorSourceTests {
    static func file(_ text: String) throws -> (path: String, fd: Int32) {
        let path = NSTemporaryDirectory() + "kw-fdsource-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        return (path, fd)
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    @Test func shortReadAtTheSizeEndsTheFile() throws {
        let (path, fd) = try Self.file("0123456789")
        defer { close(fd); unlink(path) }
        let source = FileDescriptorSource(fd: fd, size: 10)
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(try source.read(into: &buffer, count: 64) == 10)
        // Bytes appended after fstat are not read: the source already knows it is at the end.
        try Self.append("appended", to: path)
        #expect(try source.read(into: &buffer, count: 64) == 0)
        // Without a size, the next read asks the kernel and sees them.
        let unsized = FileDescriptorSource(fd: fd)
        #expect(try unsized.read(into: &buffer, count: 64) == 8)
    }

    @Test func aZeroSizeIsNotTrusted() throws {
        // procfs and sysfs files report size 0 and still hold bytes: read until read(2) says 0.
        let (path, fd) = try Self.file("0123456789")
        defer { close(fd); unlink(path) }
        let source = FileDescriptorSource(fd: fd, size: 0)
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(try source.read(into: &buffer, count: 64) == 10)
        try Self.append("appended", to: path)
        #expect(try source.read(into: &buffer, count: 64) == 8)
        #expect(try source.read(into: &buffer, count: 64) == 0)
    }

    @Test func fullReadsDoNotEndEarly() throws {
        let (path, fd) = try Self.file("0123456789")
        defer { close(fd); unlink(path) }
        let source = FileDescriptorSource(fd: fd, size: 10)
        var buffer = [UInt8](repeating: 0, count: 64)
        // A read that fills its buffer is not short: the end is not assumed, even at the size.
        #expect(try source.read(into: &buffer, count: 4) == 4)
        #expect(try source.read(into: &buffer, count: 6) == 6)
        #expect(try source.read(into: &buffer, count: 64) == 0)
    }

    @Test func aSeekReadsAgain() throws {
        let (path, fd) = try Self.file("0123456789")
        defer { close(fd); unlink(path) }
        let source = FileDescriptorSource(fd: fd, size: 10)
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(try source.read(into: &buffer, count: 64) == 10)
        #expect(lseek(fd, 6, SEEK_SET) == 6)
        source.moved(to: 6)
        #expect(try source.read(into: &buffer, count: 64) == 4)
        #expect(Array(buffer[0..<4]) == Array("6789".utf8))
        #expect(try source.read(into: &buffer, count: 64) == 0)
    }
}
