import Foundation

/// Whether git tracks a file: `git -C DIR ls-files --error-unmatch -- NAME` (false outside a repository).
public enum GitTracking {
    /// True when the file's repository tracks it.
    public static func isTracked(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "git", "-C", url.deletingLastPathComponent().path, "ls-files", "--error-unmatch", "--",
            url.lastPathComponent,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
