import Foundation
import KeywardGit
import KeywardScan
import Testing

/// Binary blobs in git modes, with the real engine and rule pack: scanned with the binary-safe
/// rules only, findings with their byte offset, like binary files in directory scans.
@Suite("git modes scan binary blobs")
struct BinaryBlobTests {
    static let engine: ScanEngine = {
        do {
            return try ScanEngine(rules: RuleLoader.defaultRules())
        } catch {
            preconditionFailure("default rules: \(error)")
        }
    }()

    func scan(_ repo: TestRepository, _ mode: GitScanMode) throws -> GitScanResult {
        let engine = Self.engine
        let scanner: ContentScanner = { content, path in
            let result = engine.scan(content: content, path: path)
            return (result.findings, result.issues)
        }
        return try GitScanner(repository: repo.open(), scanner: scanner, parallelism: 2).scan(mode)
    }

    /// A SQLite-like binary: a NUL-filled header, then `text` at byte `offset`.
    static func binary(_ text: String, at offset: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: offset)
        bytes[0] = 0x53
        return bytes + Array(text.utf8) + [0, 0, 7]
    }

    @Test("--history: a key in a binary blob is found with its byte offset; a generic rule does not run there")
    func historyBinary() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "x\n")
        try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        // A generic secret assignment next to it: not a binary-safe rule, so no finding.
        let text = "\(key)\u{1}db_password = \"sz6sQnpU4GRqlNc8\"\n"
        try repo.write("app.db", bytes: Self.binary(text, at: 300))
        let added = try repo.commitAll("add db")
        try repo.write("app.db", bytes: Self.binary("nothing here", at: 300))
        try repo.commitAll("drop key")

        let result = try scan(repo, .history)
        #expect(result.skipped.isEmpty)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.ruleID == "aws-access-key-id")
        #expect(finding.secret == key)
        #expect(finding.path == "app.db")
        #expect(finding.byteOffset == 300)
        #expect(finding.commit?.sha == added)
    }

    @Test("--staged: a changed binary reports only the keys its old version did not hold")
    func stagedBinaryChange() throws {
        let repo = try TestRepository()
        let old = FakeKey.accessKeyID()
        try repo.write("app.db", bytes: Self.binary("\(old)\u{0}", at: 100))
        try repo.commitAll("init")
        let new = FakeKey.accessKeyID()
        try repo.write("app.db", bytes: Self.binary("\(old)\u{0}\u{0}\(new)\u{0}", at: 100))
        try repo.git("add", "-A")

        let result = try scan(repo, .staged)
        #expect(result.findings.map(\.secret) == [new])
        #expect(result.findings.first?.byteOffset == 100 + 22)
        #expect(result.skipped.isEmpty)
    }

    @Test("--range: a binary added in the range is scanned, one left unchanged is not reported")
    func rangeBinary() throws {
        let repo = try TestRepository()
        let kept = FakeKey.accessKeyID()
        try repo.write("old.db", bytes: Self.binary("\(kept)\u{0}", at: 64))
        let base = try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        try repo.write("new.db", bytes: Self.binary("\(key)\u{0}", at: 64))
        try repo.commitAll("add")

        let result = try scan(repo, .range("\(base)..HEAD"))
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.byteOffset == 64)
    }
}
