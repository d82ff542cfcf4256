import Foundation
import TestSupport
import KeywardGit

/// A throwaway git repository in a temporary directory, driven by the real `git` CLI with the user's
/// and the system's git configuration shut out.
final class TestRepository {
    /// Absolute path of the work tree.
    let path: String
    private var commitClock = 1_700_000_000

    /// Environment every git command of the tests (and the scanner under test) runs with.
    static let isolatedEnvironment: [String: String] = [
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// Creates an empty repository (branch `main`), unless `create` is false.
    init(create: Bool = true) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keyward-git-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
        if create { try git("init", "-q", "-b", "main") }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The repository as the library opens it.
    func open() throws -> GitRepository {
        try GitRepository(path: path, runner: ProcessGitRunner(environment: Self.isolatedEnvironment))
    }

    /// Runs git in the work tree; throws with stderr on failure; returns stdout without trailing newline.
    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try gitArgs(arguments, environment: environment)
    }

    /// Runs git with an argument array.
    @discardableResult
    func gitArgs(_ arguments: [String], environment: [String: String] = [:], allowFailure: Bool = false) throws
        -> String
    {
        let result = try Self.run(
            [
                "git", "-c", "user.name=Test User", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
                "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always",
            ] + arguments,
            in: path, environment: environment)
        if result.status != 0 && !allowFailure {
            throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// Writes `text` (or bytes) to a repository-relative path, creating directories.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes bytes to a repository-relative path.
    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Stages everything and commits with a distinct, increasing author date; returns the new HEAD.
    @discardableResult
    func commitAll(_ message: String, author: (name: String, email: String)? = nil) throws -> String {
        try git("add", "-A")
        return try commit(message, author: author)
    }

    /// Commits the index; returns the new HEAD.
    @discardableResult
    func commit(_ message: String, author: (name: String, email: String)? = nil) throws -> String {
        commitClock += 60
        var environment = ["GIT_AUTHOR_DATE": "@\(commitClock) +0000", "GIT_COMMITTER_DATE": "@\(commitClock) +0000"]
        var arguments = ["commit", "-q", "--allow-empty", "-m", message]
        if let author {
            environment["GIT_AUTHOR_NAME"] = author.name
            environment["GIT_AUTHOR_EMAIL"] = author.email
            arguments += ["--author", "\(author.name) <\(author.email)>"]
        }
        try gitArgs(arguments, environment: environment)
        return try git("rev-parse", "HEAD")
    }

    /// Runs a program; environment isolated from the user's git configuration.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("GIT_") { env[key] = nil }
        for (key, value) in isolatedEnvironment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        let result = try ProcessRunner.run("/usr/bin/env", arguments, in: directory, environment: env)
        return (result.status, result.stdout, result.stderr)
    }
}

/// A setup step of a test failed.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
