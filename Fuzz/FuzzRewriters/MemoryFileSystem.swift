import Foundation
import KeywardRemediation

/// Files in a dictionary: the rewriter under fuzzing touches no disk.
final class MemoryFileSystem: FileSystemOps, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (data: Data, mode: mode_t)] = [:]

    struct Missing: Error {}

    func put(_ path: String, _ data: Data, mode: mode_t = 0o640) { lock.withLock { files[path] = (data, mode) } }
    func contents(_ path: String) -> Data? { lock.withLock { files[path]?.data } }
    var paths: [String] { lock.withLock { Array(files.keys) } }

    func read(_ path: String) throws -> Data {
        guard let data = contents(path) else { throw Missing() }
        return data
    }

    func exists(_ path: String) -> Bool { contents(path) != nil }

    func attributes(_ path: String) -> FileAttributes? {
        lock.withLock { files[path].map { FileAttributes(mode: $0.mode, uid: 0, gid: 0) } }
    }

    func writeAtomically(_ path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws {
        put(path, data, mode: mode)
    }

    func createDirectory(_ path: String, mode: mode_t) throws {}

    func list(_ path: String) throws -> [String] { paths.filter { $0.hasPrefix(path + "/") } }

    func remove(_ path: String) throws { _ = lock.withLock { files.removeValue(forKey: path) } }
}

/// A clock stopped at one instant.
struct StoppedClock: RemediationClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    func sleep(for duration: Duration) async throws {}
}
