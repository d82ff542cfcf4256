import Foundation
import KeywardGit
import Testing

@Suite("hook install / uninstall")
struct HookInstallerTests {
    /// A stand-in for the keyward binary: records its arguments and exits with `status`.
    static func fakeKeyward(in repo: TestRepository, status: Int32 = 0) throws -> (binary: String, log: String) {
        let dir = repo.path + "/.fake"
        let log = dir + "/keyward.log"
        let binary = dir + "/fake keyward"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"keyward $*\" >> '\(log)'\nexit \(status)\n".write(
            toFile: binary, atomically: true, encoding: .utf8)
        chmod(binary, 0o755)
        try "/.fake/\n".write(toFile: repo.path + "/.git/info/exclude", atomically: true, encoding: .utf8)
        return (binary, log)
    }

    static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
    }

    @Test("install writes an executable hook carrying the marker, in .git/hooks")
    func install() throws {
        let repo = try TestRepository()
        let outcome = try HookInstaller.install(repo: repo.open(), executable: "/opt/keyward/bin/keyward")
        let hook = repo.path + "/.git/hooks/pre-commit"
        #expect(outcome == .installed(hook: hook))
        let text = try #require(Self.read(hook))
        #expect(text.contains(HookInstaller.marker))
        #expect(text.contains("'/opt/keyward/bin/keyward'"))
        #expect(text.contains("scan --staged"))
        #expect(try Self.mode(hook) == 0o755)
    }

    @Test("installing twice changes nothing")
    func idempotent() throws {
        let repo = try TestRepository()
        _ = try HookInstaller.install(repo: repo.open(), executable: "/usr/bin/keyward")
        let hook = repo.path + "/.git/hooks/pre-commit"
        let first = Self.read(hook)
        let again = try HookInstaller.install(repo: repo.open(), executable: "/usr/bin/keyward")
        #expect(again == .updated(hook: hook, changed: false))
        #expect(Self.read(hook) == first)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit.keyward-chained"))
        let moved = try HookInstaller.install(repo: repo.open(), executable: "/usr/local/bin/keyward")
        #expect(moved == .updated(hook: hook, changed: true))
    }

    @Test("a foreign hook is kept, chained and run first; its failure stops the commit")
    func chainsForeignHook() throws {
        let repo = try TestRepository()
        let fake = try Self.fakeKeyward(in: repo)
        let hooks = repo.path + "/.git/hooks"
        let foreignLog = repo.path + "/.fake/foreign.log"
        let foreign = "#!/bin/sh\necho foreign >> '\(foreignLog)'\nexit ${FOREIGN_STATUS:-0}\n"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try foreign.write(toFile: hooks + "/pre-commit", atomically: true, encoding: .utf8)
        chmod(hooks + "/pre-commit", 0o755)

        let outcome = try HookInstaller.install(repo: repo.open(), executable: fake.binary)
        #expect(outcome == .chained(hook: hooks + "/pre-commit", chained: hooks + "/pre-commit.keyward-chained"))
        #expect(Self.read(hooks + "/pre-commit.keyward-chained") == foreign)

        try repo.write("a.txt", "a\n")
        try repo.commitAll("both hooks run")
        #expect(Self.read(foreignLog) == "foreign\n")
        #expect(Self.read(fake.log) == "keyward scan --staged\n")

        try repo.write("b.txt", "b\n")
        try repo.git("add", "-A")
        let failed = try repo.gitArgs(
            ["commit", "-q", "-m", "foreign fails"], environment: ["FOREIGN_STATUS": "3"],
            allowFailure: true)
        _ = failed
        #expect(try repo.git("log", "--format=%s", "-1") == "both hooks run")
        #expect(Self.read(fake.log) == "keyward scan --staged\n")
    }

    @Test("keyward's exit status blocks the commit; SKIP=keyward and --no-verify bypass it")
    func exitStatusAndSkip() throws {
        let repo = try TestRepository()
        let fake = try Self.fakeKeyward(in: repo, status: 1)
        _ = try HookInstaller.install(repo: repo.open(), executable: fake.binary)
        try repo.write("a.txt", "a\n")
        try repo.git("add", "-A")
        try repo.gitArgs(["commit", "-q", "-m", "blocked"], allowFailure: true)
        #expect(try repo.gitArgs(["rev-parse", "--verify", "-q", "HEAD"], allowFailure: true).isEmpty)
        #expect(Self.read(fake.log) == "keyward scan --staged\n")

        try repo.gitArgs(["commit", "-q", "-m", "skipped"], environment: ["SKIP": "lint,keyward"])
        try repo.write("b.txt", "b\n")
        try repo.git("add", "-A")
        try repo.gitArgs(["commit", "-q", "--no-verify", "-m", "no-verify"])
        #expect(try repo.git("log", "--format=%s").split(separator: "\n") == ["no-verify", "skipped"])
        #expect(Self.read(fake.log) == "keyward scan --staged\n")
    }

    @Test("core.hooksPath is honoured (relative to the top level)")
    func hooksPath() throws {
        let repo = try TestRepository()
        let fake = try Self.fakeKeyward(in: repo)
        try repo.git("config", "core.hooksPath", ".githooks")
        let outcome = try HookInstaller.install(repo: repo.open(), executable: fake.binary)
        #expect(outcome == .installed(hook: repo.path + "/.githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
        try repo.write("a.txt", "a\n")
        try repo.commitAll("runs from hooksPath")
        #expect(Self.read(fake.log) == "keyward scan --staged\n")
    }

    @Test("uninstall restores the chained hook, refuses a foreign one, and reports when none is there")
    func uninstall() throws {
        let repo = try TestRepository()
        let hooks = repo.path + "/.git/hooks"
        let hook = hooks + "/pre-commit"
        #expect(try HookInstaller.uninstall(repo: repo.open()) == .notInstalled(hook: hook))

        let foreign = "#!/bin/sh\nexit 0\n"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try foreign.write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(throws: GitError.self) { try HookInstaller.uninstall(repo: repo.open()) }

        _ = try HookInstaller.install(repo: repo.open())
        #expect(try HookInstaller.uninstall(repo: repo.open()) == .uninstalled(hook: hook, restored: hook))
        #expect(Self.read(hook) == foreign)
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-commit.keyward-chained"))

        try FileManager.default.removeItem(atPath: hook)
        _ = try HookInstaller.install(repo: repo.open())
        #expect(try HookInstaller.uninstall(repo: repo.open()) == .uninstalled(hook: hook, restored: nil))
        #expect(!FileManager.default.fileExists(atPath: hook))
    }

    @Test("--force sets a foreign hook aside (not run) instead of chaining it")
    func force() throws {
        let repo = try TestRepository()
        let hooks = repo.path + "/.git/hooks"
        let foreign = "#!/bin/sh\nexit 1\n"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try foreign.write(toFile: hooks + "/pre-commit", atomically: true, encoding: .utf8)
        let outcome = try HookInstaller.install(repo: repo.open(), force: true)
        #expect(outcome == .replaced(hook: hooks + "/pre-commit", backup: hooks + "/pre-commit.keyward-backup"))
        #expect(Self.read(hooks + "/pre-commit.keyward-backup") == foreign)
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-commit.keyward-chained"))
        #expect(Self.read(hooks + "/pre-commit")?.contains(HookInstaller.marker) == true)
    }

    @Test("a foreign hook over an existing chained hook is a conflict, not an overwrite")
    func chainConflict() throws {
        let repo = try TestRepository()
        let hooks = repo.path + "/.git/hooks"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try "#!/bin/sh\necho new\n".write(toFile: hooks + "/pre-commit", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho old\n".write(
            toFile: hooks + "/pre-commit.keyward-chained", atomically: true, encoding: .utf8)
        #expect {
            try HookInstaller.install(repo: repo.open())
        } throws: { error in
            guard case GitError.hookConflict = error else { return false }
            return true
        }
        #expect(Self.read(hooks + "/pre-commit") == "#!/bin/sh\necho new\n")
        #expect(Self.read(hooks + "/pre-commit.keyward-chained") == "#!/bin/sh\necho old\n")
    }
}
