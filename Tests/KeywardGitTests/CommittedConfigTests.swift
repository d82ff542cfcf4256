import Foundation
import KeywardGit
import Testing

/// In git modes the config comes from a commit the scanned change cannot alter.
@Suite("config read from the base commit")
struct CommittedConfigTests {
    static let baseConfig = "disabled_rules = [\"generic-secret\"]\n"
    static let headConfig = "[allowlist]\npaths = ['''.*''']\n"

    @Test("--range and --since read the base's config and see that the change edits it")
    func rangeReadsBase() throws {
        let repo = try TestRepository()
        try repo.write(".keyward.toml", Self.baseConfig)
        let base = try repo.commitAll("base")
        try repo.write(".keyward.toml", Self.headConfig)
        try repo.write("app.env", "KEY=\(FakeKey.accessKeyID())\n")
        let head = try repo.commitAll("allowlist everything")
        for mode in [GitScanMode.range("\(base)..\(head)"), .since(base)] {
            let config = try CommittedConfig.read(for: mode, in: repo.open())
            #expect(config.commit == base)
            #expect(config.text == Self.baseConfig)
            #expect(config.editedByChange)
        }
    }

    @Test("a range that leaves the config alone is not flagged; a base without config reads none")
    func untouchedAndAbsent() throws {
        let repo = try TestRepository()
        try repo.write("README.md", "x\n")
        let base = try repo.commitAll("base")
        try repo.write("README.md", "y\n")
        let head = try repo.commitAll("edit")
        let none = try CommittedConfig.read(for: .range("\(base)..\(head)"), in: repo.open())
        #expect(none == CommittedConfig(commit: base, text: nil, editedByChange: false))
        try repo.write(".keyward.toml", Self.headConfig)
        let added = try repo.commitAll("add config")
        let adding = try CommittedConfig.read(for: .range("\(head)..\(added)"), in: repo.open())
        #expect(adding.text == nil && adding.editedByChange, "adding a config counts as editing it")
    }

    @Test("--staged reads HEAD's config and flags a staged edit; --history reads HEAD")
    func stagedReadsHead() throws {
        let repo = try TestRepository()
        try repo.write(".keyward.toml", Self.baseConfig)
        let head = try repo.commitAll("base")
        #expect(try CommittedConfig.read(for: .staged, in: repo.open()).editedByChange == false)
        try repo.write(".keyward.toml", Self.headConfig)
        #expect(try CommittedConfig.read(for: .staged, in: repo.open()).editedByChange == false, "unstaged edits do not count")
        try repo.git("add", ".keyward.toml")
        let staged = try CommittedConfig.read(for: .staged, in: repo.open())
        #expect(staged == CommittedConfig(commit: head, text: Self.baseConfig, editedByChange: true))
        let history = try CommittedConfig.read(for: .history, in: repo.open())
        #expect(history == CommittedConfig(commit: head, text: Self.baseConfig, editedByChange: false))
    }

    @Test("before the first commit --staged has no config to read")
    func stagedWithoutCommits() throws {
        let repo = try TestRepository()
        try repo.write(".keyward.toml", Self.headConfig)
        try repo.git("add", ".keyward.toml")
        let staged = try CommittedConfig.read(for: .staged, in: repo.open())
        #expect(staged == CommittedConfig(commit: nil, text: nil, editedByChange: true))
    }

    @Test("a config that is a symlink in the base commit is refused (fail closed)")
    func symlinkRefused() throws {
        let repo = try TestRepository()
        try repo.write("real.toml", Self.baseConfig)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/.keyward.toml", withDestinationPath: "real.toml")
        let base = try repo.commitAll("symlinked config")
        try repo.write("README.md", "y\n")
        let head = try repo.commitAll("edit")
        #expect(throws: GitError.self) { try CommittedConfig.read(for: .range("\(base)..\(head)"), in: repo.open()) }
    }
}
