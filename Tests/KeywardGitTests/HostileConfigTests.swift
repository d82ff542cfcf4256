import Foundation
import KeywardGit
import KeywardGitSafety
import Testing
import TestSupport

/// A repository whose `.git/config` names an fsmonitor, hooks, a pager, an external diff, textconv,
/// filters, a credential helper and gpg, each writing a marker file: scanning never runs any of them.
@Suite("hostile .git/config")
struct HostileConfigTests {
    static func hostile() throws -> HostileRepository {
        try HostileRepository(keyID: FakeKey.accessKeyID(), stagedKeyID: FakeKey.accessKeyID())
    }

    @Test("the fixture is hostile: plain git runs its programs")
    func fixtureIsHostile() throws {
        let repo = try Self.hostile()
        #expect(!repo.markerExists, "building the repository ran nothing")
        _ = try repo.git(["log", "-p", "-2"])
        _ = try repo.git(["diff", "--cached"])
        _ = try repo.git(["status"])
        #expect(repo.markerExists)
        #expect(repo.markerText.contains("ran:"), "the configured programs ran: \(repo.markerText)")
    }

    @Test("--staged, --range, --since and --history run none of them, and still find the keys", arguments: [
        GitScanMode.staged, .range("FIRST..HEAD"), .since("FIRST"), .history,
    ])
    func scansRunNothing(mode: GitScanMode) throws {
        let repo = try Self.hostile()
        let resolved: GitScanMode
        switch mode {
        case .range: resolved = .range(repo.firstCommit + "..HEAD")
        case .since: resolved = .since(repo.firstCommit)
        default: resolved = mode
        }
        let repository = try GitRepository(path: repo.path, runner: ProcessGitRunner(environment: HostileRepository.isolated))
        let result = try GitScanner(repository: repository, scanner: FakeKeyScanner.scan, parallelism: 2).scan(resolved)
        let found = Set(result.findings.map(\.secret))
        switch mode {
        case .staged: #expect(found == [repo.stagedKeyID])
        default: #expect(found == [repo.keyID])
        }
        _ = try CommittedConfig.read(for: resolved, in: repository)
        #expect(!repo.markerExists, "a hostile program ran: \(repo.markerText)")
    }

    @Test("hook installation honours the repository's core.hooksPath without running a hook")
    func hookInstallRunsNothing() throws {
        let repo = try Self.hostile()
        let repository = try GitRepository(path: repo.path, runner: ProcessGitRunner(environment: HostileRepository.isolated))
        let directory = try HookInstaller.hooksDirectory(repository: repository)
        #expect(directory.hasSuffix("/hooks") && !directory.hasPrefix(repo.path), "the configured hooksPath: \(directory)")
        #expect(!repo.markerExists)
    }

    @Test("hostile variables in keyward's own environment are dropped")
    func environmentIsCleaned() {
        let env = HardenedGit.environment(inherited: [
            "GIT_EXTERNAL_DIFF": "/tmp/x", "GIT_CONFIG_PARAMETERS": "'core.pager=/tmp/x'", "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "core.pager", "GIT_CONFIG_VALUE_0": "/tmp/x", "GIT_ALLOW_PROTOCOL": "ext",
            "GIT_PAGER": "/tmp/x", "PATH": "/usr/bin",
        ])
        #expect(env["PATH"] == "/usr/bin")
        #expect(env["GIT_PAGER"] == "cat")
        #expect(env["GIT_CONFIG_NOSYSTEM"] == "1")
        #expect(env["GIT_TERMINAL_PROMPT"] == "0")
        for key in ["GIT_EXTERNAL_DIFF", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_ALLOW_PROTOCOL"] {
            #expect(env[key] == nil, "\(key) kept")
        }
    }

    @Test("patch-printing subcommands always get --no-ext-diff --no-textconv, after leading -c pairs")
    func patchArguments() {
        let log = HardenedGit.arguments(["-c", "log.showRoot=true", "log", "-p", "--no-textconv"])
        #expect(Array(log.prefix(HardenedGit.configArguments.count)) == HardenedGit.configArguments)
        #expect(Array(log.dropFirst(HardenedGit.configArguments.count)) == [
            "-c", "log.showRoot=true", "log", "--no-ext-diff", "-p", "--no-textconv",
        ])
        let catFile = HardenedGit.arguments(["cat-file", "--batch"])
        #expect(Array(catFile.dropFirst(HardenedGit.configArguments.count)) == ["cat-file", "--batch"])
    }
}
