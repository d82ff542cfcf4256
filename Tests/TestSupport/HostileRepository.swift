import Foundation

/// A git repository whose own configuration tries to run a program at every turn — fsmonitor,
/// hooks (`core.hooksPath`), pager, external diff, textconv, filters, credential helper, ssh,
/// gpg — each a script appending to ``marker``. A hardened git call never creates the marker.
///
/// History: a first commit, then a commit adding `app.env` with ``keyID``, a signed-looking
/// commit (so `log.showSignature` would call gpg), and a staged change adding a second key.
public final class HostileRepository {
    /// The work tree.
    public let path: String
    /// The file every hostile program appends to.
    public let marker: String
    /// The access key ID committed in `app.env`.
    public let keyID: String
    /// The access key ID staged (not committed) in `staged.env`.
    public let stagedKeyID: String
    /// The first commit (the base of the range `first..HEAD`).
    public private(set) var firstCommit = ""

    /// Environment for the tests' own git commands: no user or system configuration.
    public static let isolated: [String: String] = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    /// Builds the repository in a fresh temporary directory.
    public init(keyID: String, stagedKeyID: String) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kw-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path + "/repo"
        marker = base.path + "/MARKER"
        self.keyID = keyID
        self.stagedKeyID = stagedKeyID
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try build(scriptDirectory: base.path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// True when some hostile program ran.
    public var markerExists: Bool { FileManager.default.fileExists(atPath: marker) }

    /// What the hostile programs wrote (which of them ran).
    public var markerText: String { (try? String(contentsOfFile: marker, encoding: .utf8)) ?? "" }

    /// Removes the marker (after the check that the repository really is hostile).
    public func resetMarker() { try? FileManager.default.removeItem(atPath: marker) }

    /// Runs git in the work tree with the tests' isolated configuration only (no hardening).
    @discardableResult
    public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment.merging(Self.isolated) { $1 }
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run("/usr/bin/env", ["git"] + arguments, in: path, environment: env)
    }

    private func checked(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try git(
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments,
            environment: environment)
        guard result.status == 0 else { throw HostileRepositoryError(message: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + relative))
    }

    private func build(scriptDirectory: String) throws {
        let script = scriptDirectory + "/evil.sh"
        try Data("#!/bin/sh\necho \"ran: $0 $*\" >> '\(marker)'\ncat \"$1\" 2>/dev/null\nexit 0\n".utf8)
            .write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        let hooks = scriptDirectory + "/hooks"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        for hook in [
            "pre-commit", "post-commit", "post-checkout", "post-index-change", "reference-transaction",
            "pre-auto-gc", "post-rewrite", "fsmonitor-watchman", "pre-push",
        ] {
            let file = hooks + "/" + hook
            try Data("#!/bin/sh\necho \"hook \(hook)\" >> '\(marker)'\nexit 0\n".utf8).write(to: URL(fileURLWithPath: file))
            chmod(file, 0o755)
        }
        _ = try checked(["init", "-q", "-b", "main"])
        try write("README.md", "hello\n")
        try write(".gitattributes", "* diff=evil filter=evil\n")
        _ = try checked(["add", "-A"])
        _ = try checked(["commit", "-q", "-m", "first"])
        firstCommit = try checked(["rev-parse", "HEAD"])
        try write("app.env", "AWS_ACCESS_KEY_ID=\(keyID)\n")
        _ = try checked(["add", "-A"])
        _ = try checked(["commit", "-q", "-m", "add app.env"])
        try addSignedLookingCommit()
        try write("README.md", "hello again\n")
        try write("staged.env", "KEY=\(stagedKeyID)\n")
        _ = try checked(["add", "staged.env"])
        // Only now the hostile configuration: building the repository above must not trigger it.
        let settings: [(String, String)] = [
            ("core.fsmonitor", script), ("core.hooksPath", hooks), ("core.pager", script), ("pager.log", script),
            ("pager.diff", script), ("diff.external", script), ("diff.evil.textconv", script),
            ("diff.evil.command", script), ("filter.evil.clean", script), ("filter.evil.smudge", script),
            ("filter.evil.process", script), ("credential.helper", "!" + script), ("core.sshCommand", script),
            ("core.askPass", script), ("gpg.program", script), ("log.showSignature", "true"),
            ("core.alternateRefsCommand", script), ("uploadpack.packObjectsHook", script),
            ("core.untrackedCache", "true"), ("core.editor", script), ("sequence.editor", script),
        ]
        for (key, value) in settings { _ = try checked(["config", key, value]) }
    }

    /// A commit object carrying a `gpgsig` header, so `log --show-signature` would run `gpg.program`.
    private func addSignedLookingCommit() throws {
        let tree = try checked(["rev-parse", "HEAD^{tree}"])
        let parent = try checked(["rev-parse", "HEAD"])
        let body = """
            tree \(tree)
            parent \(parent)
            author Test <test@example.com> 1700000100 +0000
            committer Test <test@example.com> 1700000100 +0000
            gpgsig -----BEGIN PGP SIGNATURE-----
             
             iQEzBAABCAAdFiEEfakefakefakefakefakefakefakefakeFAmVfake
             =fake
             -----END PGP SIGNATURE-----

            signed-looking commit

            """
        let file = (path as NSString).deletingLastPathComponent + "/commit.txt"
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
        let sha = try checked(["hash-object", "-t", "commit", "-w", file])
        _ = try checked(["update-ref", "refs/heads/main", sha])
    }
}

/// A git command the fixture needed failed.
public struct HostileRepositoryError: Error, CustomStringConvertible {
    /// What failed.
    public var message: String
    /// The message.
    public var description: String { message }
    /// Creates the error.
    public init(message: String) { self.message = message }
}
