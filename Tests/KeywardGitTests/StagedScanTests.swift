import Foundation
import KeywardGit
import KeywardScan
import Testing

@Suite("scan --staged")
struct StagedScanTests {
    @Test("a staged key is found, with its line and column")
    func stagedKeyFound() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "hello\n")
        try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        try repo.write("config/app.env", "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=\(key)\n")
        try repo.git("add", "config/app.env")
        let result = try repo.scan(.staged)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.path == "config/app.env")
        #expect(finding.line == 2)
        #expect(finding.column == 19)
        #expect(finding.secret == key)
        #expect(finding.commit == nil)
        #expect(result.filesScanned == 1)
    }

    @Test("keys only in the work tree (unstaged or untracked) are not reported")
    func unstagedKeyIgnored() throws {
        let repo = try TestRepository()
        try repo.write("app.env", "A=1\n")
        try repo.commitAll("init")
        try repo.write("app.env", "A=1\nKEY=\(FakeKey.accessKeyID())\n")
        try repo.write("untracked.env", "KEY=\(FakeKey.accessKeyID())\n")
        let result = try repo.scan(.staged)
        #expect(result.findings.isEmpty)
        #expect(result.filesScanned == 0)
    }

    @Test("a partially staged file is judged by its staged content")
    func partiallyStaged() throws {
        let repo = try TestRepository()
        try repo.write("a.env", "A=1\n")
        try repo.write("b.env", "B=1\n")
        try repo.commitAll("init")
        let stagedKey = FakeKey.accessKeyID()
        // a.env: the key is staged, then removed from the work tree.
        try repo.write("a.env", "A=1\nKEY=\(stagedKey)\n")
        try repo.git("add", "a.env")
        try repo.write("a.env", "A=1\nKEY=removed\n")
        // b.env: a harmless line is staged, then a key is added in the work tree only.
        try repo.write("b.env", "B=1\nC=2\n")
        try repo.git("add", "b.env")
        try repo.write("b.env", "B=1\nC=2\nKEY=\(FakeKey.accessKeyID())\n")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.path) == ["a.env"])
        #expect(result.findings.first?.secret == stagedKey)
        #expect(result.findings.first?.line == 2)
    }

    @Test("the first commit (no HEAD yet) is scanned against the empty tree")
    func firstCommit() throws {
        let repo = try TestRepository()
        let key = FakeKey.accessKeyID()
        try repo.write("first.env", "KEY=\(key)\n")
        try repo.git("add", "-A")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.secret) == [key])
    }

    @Test("only lines added by the staged change count, not existing ones")
    func onlyAddedLines() throws {
        let repo = try TestRepository()
        let old = FakeKey.accessKeyID()
        try repo.write("app.env", "1\n2\nOLD=\(old)\n4\n5\n6\n")
        try repo.commitAll("init")
        let new = FakeKey.accessKeyID()
        try repo.write("app.env", "1\n2\nOLD=\(old)\n4\nNEW=\(new)\n5\n6\n")
        try repo.git("add", "app.env")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.secret) == [new])
        #expect(result.findings.first?.line == 5)
    }

    @Test("a renamed file reports only the line added against its old path")
    func renameWithOneAddedLine() throws {
        let repo = try TestRepository()
        let old = FakeKey.accessKeyID()
        let body = (1...20).map { "line \($0)" }.joined(separator: "\n")
        try repo.write("old name.env", "\(body)\nOLD=\(old)\n")
        try repo.commitAll("init")
        try repo.git("mv", "old name.env", "nouveau nom é.env")
        let new = FakeKey.accessKeyID()
        try repo.write("nouveau nom é.env", "\(body)\nOLD=\(old)\nNEW=\(new)\n")
        try repo.git("add", "-A")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.secret) == [new])
        #expect(result.findings.first?.path == "nouveau nom é.env")
        #expect(result.findings.first?.line == 22)
    }

    @Test("paths with spaces, quotes, tabs and non-ASCII characters come back exact")
    func unusualPaths() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "x\n")
        try repo.commitAll("init")
        let names = ["dir with space/clé ü.env", "quo\"te.env", "tab\there.env", "日本語/設定.env"]
        for name in names { try repo.write(name, "x\n") }
        try repo.commitAll("files")
        for name in names { try repo.write(name, "x\nKEY=\(FakeKey.accessKeyID())\n") }
        try repo.git("add", "-A")
        let result = try repo.scan(.staged)
        #expect(Set(result.findings.map(\.path)) == Set(names))
        #expect(result.findings.allSatisfy { $0.line == 2 })
    }

    @Test("a staged binary file is scanned, not skipped")
    func binaryScanned() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "x\n")
        try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        try repo.write("blob.bin", bytes: Array("KEY=\(key)\n".utf8) + [0, 1, 2, 0])
        try repo.git("add", "-A")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.secret) == [key])
        #expect(result.skipped.isEmpty)
    }

    @Test("a text file marked -diff in .gitattributes is still scanned on its added lines")
    func attributeBinaryTextFile() throws {
        let repo = try TestRepository()
        let old = FakeKey.accessKeyID()
        try repo.write(".gitattributes", "*.env -diff\n")
        try repo.write("app.env", "OLD=\(old)\n")
        try repo.commitAll("init")
        let new = FakeKey.accessKeyID()
        try repo.write("app.env", "OLD=\(old)\nNEW=\(new)\n")
        try repo.git("add", "-A")
        let result = try repo.scan(.staged)
        #expect(result.findings.map(\.secret) == [new])
    }

    @Test("submodules are skipped with reason 'submodule'")
    func submoduleSkipped() throws {
        let repo = try TestRepository()
        let head = try repo.commitAll("init")
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/lib")
        let result = try repo.scan(.staged)
        #expect(result.skipped == [SkippedFile(path: "vendor/lib", reason: "submodule")])
    }

    @Test("deleting a file holding a key reports nothing")
    func deletion() throws {
        let repo = try TestRepository()
        try repo.write("app.env", "KEY=\(FakeKey.accessKeyID())\n")
        try repo.commitAll("init")
        try repo.git("rm", "-q", "app.env")
        let result = try repo.scan(.staged)
        #expect(result.findings.isEmpty)
        #expect(result.filesScanned == 0)
    }

    @Test("during a conflicted merge: unmerged paths are skipped, resolved and merged-in files are scanned")
    func mergeInProgress() throws {
        let repo = try TestRepository()
        try repo.write("f.txt", "1\n2\n3\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "side")
        let sideKey = FakeKey.accessKeyID()
        try repo.write("f.txt", "1\nside\n3\n")
        try repo.write("side.env", "KEY=\(sideKey)\n")
        try repo.commitAll("side")
        try repo.git("checkout", "-q", "main")
        try repo.write("f.txt", "1\nmain\n3\n")
        try repo.commitAll("main")
        try repo.gitArgs(["merge", "side"], allowFailure: true)
        let conflicted = try repo.scan(.staged)
        #expect(conflicted.skipped == [SkippedFile(path: "f.txt", reason: "unmerged")])
        #expect(conflicted.findings.map(\.secret) == [sideKey])

        let resolutionKey = FakeKey.accessKeyID()
        try repo.write("f.txt", "1\nresolved \(resolutionKey)\n3\n")
        try repo.git("add", "f.txt")
        let resolved = try repo.scan(.staged)
        #expect(resolved.skipped.isEmpty)
        #expect(Set(resolved.findings.map(\.secret)) == [sideKey, resolutionKey])
    }

    @Test("a bare repository cannot be scanned with --staged")
    func bareRepository() throws {
        let repo = try TestRepository(create: false)
        try repo.git("init", "-q", "--bare")
        #expect(throws: GitError.noWorkTree(path: try repo.open().root)) {
            try repo.scan(.staged)
        }
    }

    @Test("a directory outside any repository is refused")
    func notARepository() throws {
        let repo = try TestRepository(create: false)
        #expect {
            _ = try repo.open()
        } throws: { error in
            guard case GitError.notARepository = error else { return false }
            return true
        }
    }
}
