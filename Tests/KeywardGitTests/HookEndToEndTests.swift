import Foundation
import KeywardGit
import Testing
import TestSupport

/// The installed hook running the real keyward binary (`swift build --build-tests` builds it); a
/// missing binary fails the test.
@Suite("hook end to end (real keyward binary)")
struct HookEndToEndTests {
    /// The keyward built with these tests (``ProcessRunner/keywardBinary``), when it has `scan --staged`.
    static let keyward: String? = {
        let package = Fixtures.repositoryRoot
        let binary = ProcessRunner.keywardBinary
        guard FileManager.default.isExecutableFile(atPath: binary),
            let help = try? TestRepository.run([binary, "scan", "--help"], in: package.path),
            help.status == 0, (help.stdout + help.stderr).contains("--staged")
        else { return nil }
        return binary
    }()

    @Test("a staged key blocks `git commit` through the installed hook; a clean commit passes")
    func stagedKeyBlocksCommit() throws {
        let binary = try #require(Self.keyward)
        let repo = try TestRepository()
        try repo.write("README.md", "hello\n")
        try repo.commitAll("init")
        _ = try HookInstaller.install(repo: repo.open(), executable: binary)
        try repo.write("README.md", "hello\nclean line\n")
        try repo.commitAll("clean")
        try repo.write("app.env", "AWS_ACCESS_KEY_ID=\(FakeKey.accessKeyID())\n")
        try repo.git("add", "-A")
        try repo.gitArgs(["commit", "-q", "-m", "leak"], allowFailure: true)
        #expect(try repo.git("log", "--format=%s", "-1") == "clean")
    }
}
