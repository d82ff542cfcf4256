import Foundation
import KeywardGit
import Testing

/// The installed hook running the real keyward binary. Wired by lead: it runs once
/// `<package>/.build/debug/keyward` exists and its `scan` command has `--staged`; until then it is
/// skipped with that reason.
@Suite("hook end to end (real keyward binary)")
struct HookEndToEndTests {
    /// `<package>/.build/debug/keyward`, when built with `scan --staged` support.
    static let keyward: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let binary = package.appendingPathComponent(".build/debug/keyward").path
        guard FileManager.default.isExecutableFile(atPath: binary),
            let help = try? TestRepository.run([binary, "scan", "--help"], in: package.path),
            help.status == 0, (help.stdout + help.stderr).contains("--staged")
        else { return nil }
        return binary
    }()

    // wired by lead
    @Test(
        "a staged key blocks `git commit` through the installed hook; a clean commit passes",
        .enabled(if: keyward != nil, "needs .build/debug/keyward with `scan --staged` (wired by lead)"))
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
        // `git commit -a` scans the temporary index git hands the hook (GIT_INDEX_FILE).
        try repo.git("reset", "-q")
        try repo.write("README.md", "hello\nclean line\nKEY=\(FakeKey.accessKeyID())\n")
        try repo.gitArgs(["commit", "-q", "-a", "-m", "leak via -a"], allowFailure: true)
        #expect(try repo.git("log", "--format=%s", "-1") == "clean")
    }
}
