import Foundation
import KeywardGitSafety

#if canImport(Glibc)
    import Glibc
#endif

/// Whether git tracks a file, answered fail-closed: only git's explicit "not tracked" answer (or no
/// repository at all above the file) counts as untracked; a missing git, "dubious ownership", exit 128
/// or any other failure throws, so the new secret can never be written into a file git may track.
///
/// git runs with ``HardenedGit``'s options and environment: a hostile `.git/config` (fsmonitor, hooks,
/// pagers, credential helpers) cannot run anything.
public struct GitTracking: Sendable {
    /// The git executable; nil finds `git` on PATH.
    public var executable: String?
    /// The environment git starts from (``HardenedGit`` strips and sets variables on top).
    public var environment: [String: String]

    /// A checker using `git` from PATH and this process's environment.
    public init(executable: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable
        self.environment = environment
    }

    /// True when the file's repository tracks it, false when git says it does not or there is no
    /// repository; throws `RemediationError.gitCheck` when git cannot answer.
    public func isTracked(_ path: String) throws -> Bool {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        // git finds the repository from the real directory (links resolved): so does this check. A file
        // whose directory is gone cannot be rewritten either (the rewrite's own check says so).
        guard let resolved = realpath(url.deletingLastPathComponent().path, nil) else { return false }
        let directory = String(cString: resolved)
        free(resolved)
        guard try Self.insideRepository(directory, environment: environment) else { return false }
        guard let git = executable ?? Self.findGit(environment["PATH"]) else {
            throw RemediationError.gitCheck(path: path, reason: "git is not installed (needed to tell whether git tracks it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = HardenedGit.arguments(["-C", directory, "ls-files", "--error-unmatch", "--", url.lastPathComponent])
        process.environment = HardenedGit.environment(inherited: environment)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exit = ProcessExit(of: process)
        do {
            try process.run()
        } catch {
            throw RemediationError.gitCheck(path: path, reason: "cannot run \(git): \(error.localizedDescription)")
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        exit.wait()
        if process.terminationReason == .exit, process.terminationStatus == 0 { return true }
        if process.terminationReason == .exit, process.terminationStatus == 1,
            stderr.contains("did not match any file(s) known to git")
        {
            return false
        }
        let line = stderr.split(separator: "\n").first.map(String.init) ?? "no message"
        throw RemediationError.gitCheck(
            path: path, reason: "git ls-files exited \(process.terminationStatus): \(line.prefix(200))")
    }

    /// Whether `directory` or a parent holds `.git` (or git is pointed elsewhere by `GIT_DIR`); throws
    /// when a directory on the way cannot be examined.
    static func insideRepository(_ directory: String, environment: [String: String]) throws -> Bool {
        if environment["GIT_DIR"] != nil || environment["GIT_WORK_TREE"] != nil { return true }
        var current = directory
        while true {
            var info = stat()
            if lstat(current + "/.git", &info) == 0 { return true }
            if errno != ENOENT, errno != ENOTDIR {
                throw RemediationError.gitCheck(
                    path: directory, reason: "cannot examine \(current)/.git: \(String(cString: strerror(errno)))")
            }
            if current == "/" || current.isEmpty { return false }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    static func findGit(_ path: String?) -> String? {
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
