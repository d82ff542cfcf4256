import Foundation
import Testing
@testable import KeywardScan

@Suite struct TreeScanTests {
    typealias S = ScanTestSupport

    @Test func demoTreeMatchesExpectedFindings() throws {
        let report = try S.scanTree(S.repoRoot.appendingPathComponent("fixtures/demo"))
        let lines = report.findings.map { "\($0.path):\($0.line):\($0.column) \($0.ruleID) \($0.keyID ?? "-")" }
        let actual = lines.joined(separator: "\n") + "\n"
        let expectedURL = S.repoRoot.appendingPathComponent("fixtures/expected/demo.txt")
        if ProcessInfo.processInfo.environment["KEYWARD_RECORD"] != nil {
            try Data(actual.utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
        #expect(report.suppressedExamples == 4)
        #expect(!report.findings.contains { $0.path.hasPrefix("decoys/") })
        #expect(report.skipped.isEmpty)
    }

    @Test func badInputIsListedNotSkippedSilently() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("", to: "empty.txt", in: root)
        var binary = Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0])
        binary.append(Data("key=\(S.keyID)".utf8))
        try binary.write(to: root.appendingPathComponent("tool.bin"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("loop").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        mkfifo(root.appendingPathComponent("pipe").path, 0o644)
        try S.write("x = \(S.keyID)\n", to: "real.env", in: root)

        let plain = try S.scanTree(root)
        let reasons = Dictionary(uniqueKeysWithValues: plain.skipped.map { ($0.path, $0.reason) })
        #expect(reasons["tool.bin"] == nil)
        #expect(reasons["loop"]?.hasPrefix("symlink") == true)
        #expect(reasons["dangling"]?.hasPrefix("symlink") == true)
        #expect(reasons["pipe"]?.hasPrefix("not a regular file") == true)
        // A binary file is scanned with the binary-safe rules (BinaryFileTests).
        #expect(plain.findings.map(\.path) == ["real.env", "tool.bin"])
        #expect(plain.filesScanned == 3)

        let followed = try S.scanTree(root, follow: true)
        let followedReasons = Dictionary(uniqueKeysWithValues: followed.skipped.map { ($0.path, $0.reason) })
        #expect(followedReasons["loop"] == "symlink loop")
        #expect(followedReasons["dangling"] == "broken symlink")
        #expect(followed.findings.map(\.path) == ["real.env", "tool.bin"])
    }

    @Test func vanishedFileIsReported() throws {
        let engine = try S.engine()
        let outcome = engine.withWorker { worker in
            FileScanner(worker: worker).scan(WalkedFile(absolutePath: "/nonexistent/keyward/\(UUID())", path: "gone.txt"))
        }
        guard case .skipped(let reason) = outcome else {
            Issue.record("a missing file was scanned")
            return
        }
        #expect(reason == "vanished")
    }

    @Test func hugeFileIsStreamedInChunksWithCorrectLines() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("big.log")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let line = Data(String(repeating: "0123456789 lorem ipsum ", count: 4).appending("\n").utf8)
        var block = Data()
        for _ in 0..<1000 { block.append(line) }
        for _ in 0..<60 { handle.write(block) }  // 60,000 lines, ~5.6 MB
        handle.write(Data("prefix aws_access_key_id=\(S.keyID)\n".utf8))
        try handle.close()
        // 256 KiB chunks: the key sits deep in a later chunk.
        let report = try S.scanTree(root, chunkSize: 256 << 10)
        #expect(report.findings.map(\.line) == [60_001])
        #expect(report.findings.first?.column == 26)
        #expect(report.bytesScanned == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
    }

    @Test func keyStraddlingAChunkBoundaryIsFoundOnce() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let chunk = 128 << 10
        var text = String(repeating: "x", count: chunk - 70 - 10) + "\n"
        text += "id=\(S.keyID)\n" + String(repeating: "y\n", count: 40_000)
        try S.write(text, to: "edge.txt", in: root)
        let report = try S.scanTree(root, chunkSize: chunk)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.line == 2)
        #expect(report.findings.first?.column == 4)
    }

    @Test func scanNeverWritesIntoTheTree() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try S.write("x = \(S.keyID)\n", to: "a/b.env", in: root)
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        _ = try S.scanTree(root)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == before)
    }
}
