import Foundation
import KeywardGit
import KeywardScan
import Testing

@Suite("scan --history")
struct HistoryScanTests {
    @Test(
        "a key added then removed is found, attributed to the commit that introduced it",
        arguments: [1, 4])
    func addedThenRemoved(parallelism: Int) throws {
        let repo = try TestRepository()
        try repo.write("README.md", "hello\n")
        try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        try repo.write("app.env", "A=1\nKEY=\(key)\n")
        let introduced = try repo.commitAll("add key", author: ("Alice Example", "alice@example.com"))
        try repo.write("app.env", "A=2\nKEY=\(key)\nB=3\n")
        try repo.commitAll("touch other lines")
        try repo.write("app.env", "A=2\nB=3\n")
        try repo.commitAll("remove key")

        let result = try repo.scan(.history, parallelism: parallelism)
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.secret == key)
        #expect(finding.path == "app.env")
        #expect(finding.line == 2)
        #expect(finding.commit?.sha == introduced)
        #expect(finding.commit?.author == "Alice Example")
        #expect(try repo.scan(.staged).findings.isEmpty)
        #expect(try repo.scan(.range("HEAD~1..HEAD")).findings.isEmpty)
    }

    @Test("each distinct blob is scanned once, however many commits and branches carry it")
    func blobsScannedOnce() throws {
        let repo = try TestRepository()
        let key = FakeKey.accessKeyID()
        try repo.write("a.env", "KEY=\(key)\n")
        try repo.commitAll("one")
        try repo.write("b.txt", "b\n")
        try repo.commitAll("two")
        try repo.git("checkout", "-q", "-b", "copy")
        try repo.write("copy/a.env", "KEY=\(key)\n")
        try repo.git("mv", "b.txt", "c.txt")
        try repo.commitAll("same blobs at other paths")
        let result = try repo.scan(.history)
        #expect(result.filesScanned == 2)
        #expect(result.findings.map(\.path) == ["a.env"])
    }

    @Test("keys on branches never merged are found (every ref is read)")
    func unmergedBranch() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "x\n")
        try repo.commitAll("init")
        try repo.git("checkout", "-q", "-b", "experiment")
        let key = FakeKey.accessKeyID()
        try repo.write("try.env", "KEY=\(key)\n")
        let sha = try repo.commitAll("experiment")
        try repo.git("checkout", "-q", "main")
        let result = try repo.scan(.history)
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.commit?.sha == sha)
    }

    @Test("a key first written in a merge's conflict resolution is found on the merge commit")
    func evilMerge() throws {
        let repo = try TestRepository()
        try repo.write("f.txt", "1\n2\n3\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.write("f.txt", "1\nside\n3\n")
        try repo.commitAll("side")
        try repo.git("checkout", "-q", "main")
        try repo.write("f.txt", "1\nmain\n3\n")
        try repo.commitAll("main")
        try repo.gitArgs(["merge", "side"], allowFailure: true)
        let key = FakeKey.accessKeyID()
        try repo.write("f.txt", "1\n\(key)\n3\n")
        let merge = try repo.commitAll("merge side")
        let result = try repo.scan(.history)
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.commit?.sha == merge)
    }

    @Test("binary blobs are scanned (never skipped), each version once; a key kept across versions is reported once")
    func binaryVersionsScanned() throws {
        let repo = try TestRepository()
        let key = FakeKey.accessKeyID()
        var first = ""
        for version in 0..<3 {
            try repo.write("img.bin", bytes: [0, 1, UInt8(version)] + Array("KEY=\(key)".utf8))
            let sha = try repo.commitAll("v\(version)")
            if version == 0 { first = sha }
        }
        let result = try repo.scan(.history)
        #expect(result.skipped.isEmpty)
        #expect(result.filesScanned == 3)
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.findings.first?.commit?.sha == first)
    }

    @Test("a large blob streams through cat-file intact (line numbers past the pipe buffer)")
    func largeBlob() throws {
        let repo = try TestRepository()
        let key = FakeKey.accessKeyID()
        let filler = String(repeating: "x", count: 99)
        let lines = (0..<30_000).map { $0 == 25_000 ? "KEY=\(key)" : filler }
        try repo.write("big.txt", lines.joined(separator: "\n") + "\n")
        try repo.commitAll("big")
        let result = try repo.scan(.history)
        #expect(result.findings.first?.line == 25_001)
        #expect(result.bytesScanned > 2_900_000)
    }

    @Test("a cat-file that dies part way fails the scan (no hang, no partial result)")
    func catFileDies() throws {
        let repo = try TestRepository()
        for index in 0..<400 {
            try repo.write("f\(index).txt", "line \(index) " + String(repeating: "y", count: 200) + "\n")
        }
        try repo.commitAll("many files")
        // A git whose cat-file reads one id, then dies; every other command is the real git.
        let script = repo.path + "/../fake-git-\(UUID().uuidString)"
        try """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = "cat-file" ]; then head -c 41 >/dev/null; echo "fatal: boom" >&2; exit 128; fi
            done
            exec git "$@"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        defer { unlink(script) }
        let runner = ProcessGitRunner(environment: TestRepository.isolatedEnvironment, executable: script)
        let git = try GitScanner(repository: GitRepository(path: repo.path, runner: runner), scanner: FakeKeyScanner.scan)
        #expect(throws: GitError.self) { try git.scan(.history) }
    }

    @Test("a repository with no commits has nothing to report")
    func emptyRepository() throws {
        let repo = try TestRepository()
        let result = try repo.scan(.history)
        #expect(result.findings.isEmpty)
        #expect(result.filesScanned == 0)
    }
}
