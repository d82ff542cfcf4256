import Foundation
import KeywardGit
import Testing

@Suite("git runner")
struct GitRunnerTests {
    @Test("large standard output and standard error do not deadlock")
    func largeOutputs() throws {
        let repo = try TestRepository()
        let big = String(repeating: "0123456789abcdef\n", count: 200_000)
        try repo.write("big.txt", big)
        let blob = try repo.git("hash-object", "-w", "big.txt")
        let runner = ProcessGitRunner(environment: TestRepository.isolatedEnvironment)
        let output = try runner.run(["cat-file", "-p", blob], in: repo.path)
        #expect(output.status == 0)
        #expect(output.stdout.count == big.utf8.count)
        // Lots of standard error (one line per bad object name) while nobody reads it live.
        let names = (0..<20_000).map { "no-such-object-\($0)" }.joined(separator: "\n") + "\n"
        let failing = try runner.run(["cat-file", "--batch-check"], in: repo.path, input: Array(names.utf8))
        #expect(failing.status == 0)
        #expect(failing.text.split(separator: "\n").count == 20_000)
    }

    @Test("a failing command surfaces its status and first stderr line")
    func failure() throws {
        let repo = try TestRepository()
        let runner = ProcessGitRunner(environment: TestRepository.isolatedEnvironment)
        let output = try runner.run(["rev-parse", "--verify", "nope"], in: repo.path)
        #expect(output.status != 0)
        #expect(output.stderr.contains("fatal"))
        let error = GitError.commandFailed(command: "rev-parse", status: output.status, stderr: output.stderr)
        #expect("\(error)".hasPrefix("git rev-parse failed (exit 128): fatal"))
    }

    @Test("a missing git executable is a typed error")
    func missingGit() throws {
        let repo = try TestRepository()
        let runner = ProcessGitRunner(executable: "/nonexistent/git")
        #expect(throws: GitError.gitNotFound) { try runner.run(["status"], in: repo.path) }
    }

    @Test("the index git names in GIT_INDEX_FILE (as inside `git commit -a`) is the one scanned")
    func indexFromEnvironment() throws {
        let repo = try TestRepository()
        try repo.write("app.env", "A=1\n")
        try repo.commitAll("init")
        let key = FakeKey.accessKeyID()
        try repo.write("app.env", "A=1\nKEY=\(key)\n")
        let alternate = repo.path + "/.git/alternate-index"
        try FileManager.default.copyItem(atPath: repo.path + "/.git/index", toPath: alternate)
        try repo.git("add", "app.env", environment: ["GIT_INDEX_FILE": alternate])
        #expect(try repo.scan(.staged).findings.isEmpty)
        var environment = TestRepository.isolatedEnvironment
        environment["GIT_INDEX_FILE"] = alternate
        let repository = try GitRepository(path: repo.path, runner: ProcessGitRunner(environment: environment))
        let result = try GitScanner(repository: repository, scanner: FakeKeyScanner.scan).scan(.staged)
        #expect(result.findings.map(\.secret) == [key])
    }
}
