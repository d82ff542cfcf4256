import Foundation
import Testing

@testable import KeywardScan

/// Inputs built to break a scanner: each test asserts what was found or why it was skipped.
@Suite struct HostileInputTests {
    typealias S = ScanTestSupport

    @Test func fifoNeverBlocksAWorker() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        try S.write("x = \(S.keyID)\n", to: "real.env", in: root)
        let report = try S.scanTree(root)
        #expect(report.skipReasons["pipe"] == "not a regular file (fifo)")
        #expect(report.paths(of: "aws-access-key-id") == ["real.env"])
        // A file swapped for a FIFO after the walk's lstat: the open does not wait for a writer.
        let engine = try S.engine()
        let outcome = engine.withWorker { worker in
            FileScanner(worker: worker).scan(
                WalkedFile(raw: RawPath(fifo.path), label: RawPath("swapped"), noFollow: true))
        }
        guard case .skipped(let reason) = outcome else {
            Issue.record("a FIFO was scanned")
            return
        }
        #expect(reason == "not a regular file (fifo)")
    }

    @Test func fileSwappedForASymlinkIsNotFollowed() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = try S.write("x = \(S.keyID)\n", to: "elsewhere.env", in: root)
        let link = root.appendingPathComponent("swapped.env")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let engine = try S.engine()
        let outcome = engine.withWorker { worker in
            FileScanner(worker: worker).scan(
                WalkedFile(raw: RawPath(link.path), label: RawPath("swapped.env"), noFollow: true))
        }
        guard case .skipped(let reason) = outcome else {
            Issue.record("a swapped-in symlink was followed")
            return
        }
        #expect(reason == "replaced by a symlink during the scan (not followed)")
    }

    @Test func symlinkLoopIsReported() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("x = \(S.keyID)\n", to: "a/key.env", in: root)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("a/back").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("self").path, withDestinationPath: "self")
        let report = try S.scanTree(root, follow: true)
        #expect(report.skipReasons["a/back"] == "symlink loop")
        #expect(report.skipReasons["self"] == "symlink loop")
        #expect(report.paths(of: "aws-access-key-id") == ["a/key.env"])
    }

    @Test func nonUTF8NamesAreScannedAndRoundTrip() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // `caf\xe9/key-\xff.env`: Latin-1 bytes, not UTF-8.
        let directory = Array("caf".utf8) + [0xE9]
        let file = Array("key-".utf8) + [0xFF] + Array(".env".utf8)
        let base = RawPath(root.path)
        #expect(base.appending(directory).withCString { mkdir($0, 0o755) } == 0)
        let fd = base.appending(directory).appending(file).withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        let text = Array("aws_access_key_id = \(S.keyID)\n".utf8)
        #expect(write(fd, text, text.count) == text.count)
        close(fd)

        let report = try S.scanTree(root)
        let finding = try #require(report.findings.first { $0.ruleID == "aws-access-key-id" })
        #expect(finding.path == "caf\\xe9/key-\\xff.env")
        #expect(finding.pathBytes == directory + [UInt8(ascii: "/")] + file)
        #expect(report.skipped.isEmpty)

        let json = ReportRenderer.render(report, format: .json, options: ReportOptions())
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try #require((decoded["findings"] as? [[String: Any]])?.first)
        let encoded = try #require(first["path_bytes"] as? String)
        let bytes = try #require(Data(base64Encoded: encoded))
        #expect([UInt8](bytes) == finding.pathBytes)
        #expect(first["path"] as? String == "caf\\xe9/key-\\xff.env")
        let sarif = ReportRenderer.render(report, format: .sarif, options: ReportOptions())
        #expect(sarif.contains("\"uri\": \"caf%E9/key-%FF.env\""))
        // The bytes name the file on disk.
        #expect(base.appending([UInt8](bytes)).withCString { access($0, R_OK) } == 0)
    }

    @Test func sparseGigabyteFileWithAKeyAtItsEnd() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("disk.img")
        let key = Array("\nAWS_ACCESS_KEY_ID=\(S.keyID)\n".utf8)
        let size = 1 << 30
        let fd = open(url.path, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, off_t(size - key.count)) == 0)
        #expect(lseek(fd, 0, SEEK_END) == off_t(size - key.count))
        #expect(write(fd, key, key.count) == key.count)
        close(fd)
        let report = try S.scanTree(root)
        let finding = try #require(report.findings.first)
        #expect(report.findings.map(\.ruleID) == ["aws-access-key-id"])
        #expect(finding.byteOffset == size - 21)
        #expect(finding.line == 2)
        #expect(report.bytesScanned == size)
    }

    @Test func singleLineOf150MegabytesWithAKeyAtItsEnd() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("minified.js")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        let block = Data(String(repeating: "var a=1;", count: 1 << 17).utf8)  // 1 MiB, no newline
        for _ in 0..<150 { handle.write(block) }
        handle.write(Data(" aws_access_key_id=\(S.keyID)".utf8))
        try handle.close()
        let report = try S.scanTree(root)
        let finding = try #require(report.findings.first)
        #expect(report.findings.map(\.ruleID) == ["aws-access-key-id"])
        #expect(finding.line == 1)
        #expect(finding.column == 150 * (1 << 20) + 20)
        #expect(report.errors.isEmpty)
    }

    @Test func fifteenHundredNestedFolders() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let relative = Array(repeating: "d", count: 1500).joined(separator: "/")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(relative), withIntermediateDirectories: true)
        try S.write("x = \(S.keyID)\n", to: relative + "/deep.env", in: root)
        let report = try S.scanTree(root)
        #expect(report.paths(of: "aws-access-key-id") == [relative + "/deep.env"])
        #expect(report.skipped.isEmpty)
    }
}
