import Foundation
import Testing
@testable import KeywardScan

/// A multi-gigabyte file is scanned in chunks; what sits across a chunk boundary must still be
/// found, and a key ID on one side must still pair with its secret on the other.
@Suite struct ChunkBoundaryTests {
    typealias S = ScanTestSupport

    /// Writes `text` so that it ends (or starts) exactly at `offset` of the open file.
    private func write(_ text: String, endingAt offset: Int, fd: Int32) {
        let bytes = Array(text.utf8)
        write(bytes, at: offset - bytes.count, fd: fd)
    }

    private func write(_ bytes: [UInt8], at offset: Int, fd: Int32) {
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        #expect(written == bytes.count)
    }

    @Test func keysAcrossChunkBoundariesOfASparseMultiGigabyteFileAreFoundAndPaired() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("huge.log").path
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        let chunk = FileScanner.defaultChunkSize
        let size = 2 << 30 + 3 * chunk  // 2 GiB + 24 MiB of holes: costs no disk
        try #require(ftruncate(fd, off_t(size)) == 0)
        // A text head (the rest is zeros, read from holes), then three boundaries.
        let headLines = 300  // 9,300 bytes: no NUL in the first 8,000, so the file is text
        write(Array(String(repeating: "# log line of an ordinary file\n", count: headLines).utf8), at: 0, fd: fd)
        // 1 GiB: a key ID line ends at the boundary, its named secret starts right after it.
        let first = 128 * chunk
        write("\nAWS_ACCESS_KEY_ID=\(S.otherKeyID)\n", endingAt: first, fd: fd)
        write(Array("aws_secret_access_key = \(S.otherSecret)\n".utf8), at: first, fd: fd)
        // 2 GiB: a key name right before the boundary, the secret right after it.
        let second = 256 * chunk
        write("\naws_secret_access_key = ", endingAt: second, fd: fd)
        write(Array("\(S.secret)\n".utf8), at: second, fd: fd)
        // 2 GiB + 16 MiB: a key ID cut in half by the boundary, its bare secret on the next line.
        let third = 258 * chunk
        write("\nid = " + S.keyID.prefix(10), endingAt: third, fd: fd)
        write(Array("\(S.keyID.dropFirst(10))\n\(S.secret)\n".utf8), at: third, fd: fd)

        let report = try S.scanTree(root)
        let findings = report.findings.map { ($0.ruleID, $0.secret, $0.keyID ?? "-", $0.line, $0.column) }
        let firstLine = headLines + 2
        let expected: [(String, String, String, Int, Int)] = [
            ("aws-access-key-id", S.otherKeyID, S.otherKeyID, firstLine, 19),
            ("aws-secret-access-key", S.otherSecret, S.otherKeyID, firstLine + 1, 25),
            ("aws-secret-access-key", S.secret, "-", firstLine + 3, 25),
            ("aws-access-key-id", S.keyID, S.keyID, firstLine + 5, 6),
            ("aws-secret-access-key", S.secret, S.keyID, firstLine + 6, 1),
        ]
        #expect(findings.count == expected.count, "\(findings.map { ($0.0, $0.3) })")
        for (found, want) in zip(findings, expected) {
            #expect(found == want)
        }
        #expect(report.bytesScanned == size)
        #expect(report.skipped.isEmpty)
    }
}
