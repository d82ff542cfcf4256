import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on `<state dir>/<KEY_ID>.lock`, held by one keyward process from planning a
/// key's rotation to its end (or for one `--resume` / `--rollback`); released when the value goes away.
///
/// A second process (or a second lock in the same process) is refused at once with
/// `RemediationError.locked`, never queued: two rotations of one key must not interleave.
public final class RotationLock: Sendable {
    /// The key it guards.
    public let keyID: String
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    init(keyID: String, path: String, descriptor: Int32) {
        self.keyID = keyID
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Runs `body` with the lock certainly held until it returns.
    func whileHeld<T>(_ body: () async -> T) async -> T {
        defer { withExtendedLifetime(self) {} }
        return await body()
    }

    /// Takes the lock of `keyID` in `directory` (created 0700), or throws `locked` when it is held.
    static func acquire(keyID: String, directory: String, fileSystem: any FileSystemOps) throws -> RotationLock {
        try JournalStore.checkKeyID(keyID)
        try fileSystem.createDirectory(directory, mode: 0o700)
        let path = "\(directory)/\(keyID).lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw RemediationError.journal(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            if error == EINTR { continue }
            close(descriptor)
            if error == EWOULDBLOCK { throw RemediationError.locked(keyID: keyID, lockFile: path) }
            throw RemediationError.journal(path: path, reason: "cannot lock: \(String(cString: strerror(error)))")
        }
        return RotationLock(keyID: keyID, path: path, descriptor: descriptor)
    }
}
