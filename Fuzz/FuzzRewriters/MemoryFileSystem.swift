import Foundation
import KeywardRemediation
import Synchronization

/// Files in a dictionary: the rewriter under fuzzing touches no disk.
final class MemoryFileSystem: FileSystemOps, Sendable {
    private let files = Mutex<[String: (data: Data, mode: mode_t)]>([:])

    struct Missing: Error {}

    func put(_ path: String, _ data: Data, mode: mode_t = 0o640) { files.withLock { $0[path] = (data, mode) } }
    func contents(_ path: String) -> Data? { files.withLock { $0[path]?.data } }
    var paths: [String] { files.withLock { Array($0.keys) } }

    func read(_ path: String) throws -> Data {
        guard let data = contents(path) else { throw Missing() }
        return data
    }

    func exists(_ path: String) -> Bool { contents(path) != nil }

    func attributes(_ path: String) -> FileAttributes? {
        files.withLock { $0[path].map { FileAttributes(mode: $0.mode, uid: 0, gid: 0) } }
    }

    func writeAtomically(_ path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws {
        put(path, data, mode: mode)
    }

    func createDirectory(_ path: String, mode: mode_t) throws {}

    func list(_ path: String) throws -> [String] { paths.filter { $0.hasPrefix(path + "/") } }

    func remove(_ path: String) throws { _ = files.withLock { $0.removeValue(forKey: path) } }

    func createExclusively(_ path: String, data: Data, mode: mode_t) throws -> Bool {
        files.withLock { files in
            guard files[path] == nil else { return false }
            files[path] = (data, mode)
            return true
        }
    }

    func move(_ path: String, to destination: String) throws {
        try files.withLock { files in
            guard let file = files.removeValue(forKey: path) else { throw Missing() }
            files[destination] = file
        }
    }

    /// A stored file is a regular file; a prefix of stored paths a directory. No links exist here.
    func entry(_ path: String) -> FileEntry? {
        if exists(path) { return FileEntry(kind: .regular, device: 0, inode: 0) }
        return paths.contains { $0.hasPrefix(path + "/") } ? FileEntry(kind: .directory, device: 0, inode: 0) : nil
    }

    func realPath(_ path: String) -> String? { path }
}

/// A clock stopped at one instant.
struct StoppedClock: RemediationClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    func sleep(for duration: Duration) async throws {}
}
