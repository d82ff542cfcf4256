import Crypto
import Foundation

/// The on-disk cache of compiled prefilter databases, so a pre-commit check pays no compile.
///
/// One file per keyword set, named by a SHA-256 of the keywords, the Vectorscan version and the
/// CPU platform; written 0600 into a 0700 directory, atomically (temp file + rename). A file is
/// used only when it is a regular file owned by this user, not writable by others, and its
/// checksum holds; anything else (missing, corrupt, foreign, unreadable) means "compile", never an error.
struct PrefilterCache: Sendable {
    /// The cache directory (created on first store).
    let directory: String

    private static let magic = Array("keyward-hsdb-2\n".utf8)
    private static let maximumSize = 64 << 20

    /// `$XDG_CACHE_HOME/keyward`, else `$HOME/.cache/keyward`; nil without either.
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/keyward" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/keyward" }
        return nil
    }

    /// What one cache file holds: a small descriptor (how the patterns were laid out) and the
    /// serialised database.
    struct Entry {
        var descriptor: [UInt8]
        var database: [UInt8]
    }

    /// The file that holds the database built from `inputs` (rule patterns…) on this platform.
    func path(for inputs: [[UInt8]], platform: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(platform.utf8) + [0])
        for input in inputs {
            hasher.update(data: Array(String(input.count).utf8) + [0x3A] + input)
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return directory + "/prefilter-" + hex + ".hsdb"
    }

    /// The stored entry, or nil when there is none that can be trusted.
    func load(_ path: String) -> Entry? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(),
            info.st_mode & 0o022 == 0, info.st_size > 0, Int(info.st_size) <= Self.maximumSize
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        let header = Self.magic.count + SHA256.byteCount
        guard bytes.count > header, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        let payload = Array(bytes[header...])
        guard Array(SHA256.hash(data: payload)) == Array(bytes[Self.magic.count..<header]), payload.count >= 4 else {
            return nil
        }
        let length = payload[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard length <= payload.count - 4 else { return nil }
        return Entry(descriptor: Array(payload[4..<(4 + length)]), database: Array(payload[(4 + length)...]))
    }

    /// Writes an entry atomically; returns false (and leaves nothing behind) when it cannot.
    @discardableResult
    func store(descriptor: [UInt8], database: [UInt8], at path: String) -> Bool {
        let count = descriptor.count
        let payload = [UInt8(count >> 24 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
            + descriptor + database
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        let bytes = Self.magic + Array(SHA256.hash(data: payload)) + payload
        var offset = 0
        var ok = true
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                ok = false
                break
            }
            offset += count
        }
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
