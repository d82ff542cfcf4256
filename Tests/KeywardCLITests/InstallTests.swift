import Foundation
import TestSupport
import Testing

/// `scripts/install.sh` (what `make install` runs): binary, generated man pages and completions.
@Suite struct InstallTests {
    @Test func installsBinaryManPagesAndCompletions() throws {
        let man = Fixtures.repositoryRoot.appendingPathComponent(".build/plugins/GenerateManual/outputs/keyward")
        guard FileManager.default.fileExists(atPath: man.appendingPathComponent("keyward.1").path) else {
            Issue.record("no generated man pages in \(man.path): run `make man` first (.ci/run does)")
            return
        }
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("kw-prefix-\(UUID())")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try ProcessRunner.run(
            "/bin/bash",
            [Fixtures.repositoryRoot.appendingPathComponent("scripts/install.sh").path, prefix.path,
             ProcessRunner.keywardBinary, man.path],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let installed = try ProcessRunner.run(prefix.appendingPathComponent("bin/keyward").path, ["keys", "decode", "AKIAQX3B4O2TZK7WNMRE"], environment: [:])
        #expect(installed.stdout.contains("long-term IAM user key"))
        let page = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/keyward.1"), encoding: .utf8)
        #expect(page.contains(".Nm keyward") || page.contains("keyward"))
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/man/man1/keyward.scan.1").path))
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/keyward"), encoding: .utf8)
        #expect(bash.contains("--remediate") && bash.contains("_keyward"))
        let zsh = try String(contentsOf: prefix.appendingPathComponent("share/zsh/site-functions/_keyward"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef keyward"))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/keyward.fish"), encoding: .utf8)
        #expect(fish.contains("complete -c 'keyward'") && fish.contains("remediate"))
    }
}
