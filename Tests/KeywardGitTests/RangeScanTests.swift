import Foundation
import KeywardGit
import KeywardScan
import Testing

@Suite("scan --range / --since")
struct RangeScanTests {
    /// main: base (key K1) ← later (K4, after the branch point); feature: b1 (K2, Alice) ← b2 (K3, Bob).
    struct PullRequest {
        let repo: TestRepository
        let keys: [String]
        let base: String
        let b1: String
        let b2: String
    }

    static func pullRequest() throws -> PullRequest {
        let repo = try TestRepository()
        let keys = (0..<4).map { _ in FakeKey.accessKeyID() }
        try repo.write("app.env", "K1=\(keys[0])\n")
        let base = try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("app.env", "K1=\(keys[0])\nK2=\(keys[1])\n")
        let b1 = try repo.commitAll("b1", author: ("Alice Example", "alice@example.com"))
        try repo.write("svc/new file.env", "K3=\(keys[2])\n")
        let b2 = try repo.commitAll("b2", author: ("Bob Example", "bob@example.com"))
        try repo.git("checkout", "-q", "main")
        try repo.write("other.env", "K4=\(keys[3])\n")
        try repo.commitAll("main moves on")
        try repo.git("checkout", "-q", "feature")
        return PullRequest(repo: repo, keys: keys, base: base, b1: b1, b2: b2)
    }

    @Test(
        "a PR-like range finds only the branch's additions, each with its commit and author",
        arguments: ["main..feature", "main...feature"])
    func pullRequestRange(spec: String) throws {
        let pr = try Self.pullRequest()
        let result = try pr.repo.scan(.range(spec))
        #expect(result.findings.map(\.secret) == [pr.keys[1], pr.keys[2]])
        let first = try #require(result.findings.first)
        #expect(first.path == "app.env")
        #expect(first.line == 2)
        #expect(first.commit?.sha == pr.b1)
        #expect(first.commit?.author == "Alice Example")
        #expect(first.commit?.email == "alice@example.com")
        #expect(first.commit?.date == "2023-11-14T22:15:20+00:00")
        #expect(result.findings.last?.commit?.sha == pr.b2)
        #expect(result.findings.last?.commit?.author == "Bob Example")
        #expect(result.findings.last?.path == "svc/new file.env")
    }

    @Test("--since REF scans REF..HEAD")
    func since() throws {
        let pr = try Self.pullRequest()
        let result = try pr.repo.scan(.since(pr.base))
        #expect(result.findings.map(\.secret) == [pr.keys[1], pr.keys[2]])
        let one = try pr.repo.scan(.since(pr.b1))
        #expect(one.findings.map(\.secret) == [pr.keys[2]])
    }

    @Test("three dots scan from the merge base: main's own later commits are left out")
    func threeDotFromMainSide() throws {
        let pr = try Self.pullRequest()
        #expect(try pr.repo.scan(.range("feature...main")).findings.map(\.secret) == [pr.keys[3]])
    }

    @Test("merging the base branch into the PR branch does not re-report the base's lines")
    func mergeCommitIgnored() throws {
        let pr = try Self.pullRequest()
        try pr.repo.git("merge", "-q", "--no-edit", "main")
        let result = try pr.repo.scan(.range("main..feature"))
        #expect(result.findings.map(\.secret) == [pr.keys[1], pr.keys[2]])
    }

    @Test("a key added then removed inside the range is still found, on the commit that added it")
    func addedThenRemoved() throws {
        let pr = try Self.pullRequest()
        try pr.repo.write("app.env", "K1=\(pr.keys[0])\n")
        try pr.repo.commitAll("remove K2")
        let result = try pr.repo.scan(.range("main..feature"))
        #expect(result.findings.first { $0.secret == pr.keys[1] }?.commit?.sha == pr.b1)
    }

    @Test("an unknown ref fails closed, saying how to fix it")
    func unknownRef() throws {
        let pr = try Self.pullRequest()
        #expect {
            try pr.repo.scan(.range("origin/nope..HEAD"))
        } throws: { error in
            guard case GitError.unknownRevision(let ref, _, _) = error else { return false }
            return ref == "origin/nope" && "\(error)".contains("cannot resolve 'origin/nope'")
        }
        #expect(throws: GitError.self) { try pr.repo.scan(.since("no-such-branch")) }
    }

    @Test("the all-zero 'before' of a new branch fails closed and points to --since")
    func zeroBase() throws {
        let pr = try Self.pullRequest()
        let zero = String(repeating: "0", count: 40)
        #expect {
            try pr.repo.scan(.range("\(zero)..HEAD"))
        } throws: { error in
            "\(error)".contains("--since")
        }
    }

    @Test("a range without '..' is refused", arguments: ["main", "-x..HEAD", "main..--foo"])
    func invalidRange(spec: String) throws {
        let pr = try Self.pullRequest()
        #expect {
            try pr.repo.scan(.range(spec))
        } throws: { error in
            guard case GitError.invalidRange = error else { return false }
            return true
        }
    }

    @Test("unrelated histories fail closed")
    func unrelatedHistories() throws {
        let pr = try Self.pullRequest()
        try pr.repo.git("checkout", "-q", "--orphan", "lonely")
        try pr.repo.commitAll("orphan root")
        #expect {
            try pr.repo.scan(.range("main..lonely"))
        } throws: { error in
            guard case GitError.noCommonHistory = error else { return false }
            return true
        }
    }

    @Test("a shallow clone without the base fails closed, advising to fetch more history")
    func shallowClone() throws {
        let pr = try Self.pullRequest()
        let clone = try TestRepository(create: false)
        try clone.git("clone", "-q", "--depth", "1", "--branch", "feature", "file://\(pr.repo.path)", ".")
        for spec in ["\(pr.base)..HEAD", "HEAD~1..HEAD"] {
            #expect {
                try clone.scan(.range(spec))
            } throws: { error in
                guard case GitError.shallowHistory(_, let depth, _) = error else { return false }
                let message = "\(error)"
                return depth == 1 && message.contains("is shallow (depth 1)") && message.contains("--unshallow")
                    && message.contains("fetch-depth: 0")
            }
        }
    }

    @Test("a shallow clone deep enough for the range scans it")
    func shallowButDeepEnough() throws {
        let pr = try Self.pullRequest()
        let clone = try TestRepository(create: false)
        try clone.git("clone", "-q", "--depth", "2", "--branch", "feature", "file://\(pr.repo.path)", ".")
        let result = try clone.scan(.range("\(pr.b1)..HEAD"))
        #expect(result.findings.map(\.secret) == [pr.keys[2]])
        // b1 is the shallow boundary: its parent is missing, so b1's own diff cannot be trusted.
        #expect(throws: GitError.self) { try clone.scan(.range("\(pr.b1)~1..HEAD")) }
    }
}
