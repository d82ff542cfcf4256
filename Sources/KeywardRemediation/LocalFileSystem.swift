import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `FileSystemOps` on the real file system, with POSIX calls for fsync and exact modes.
public struct LocalFileSystem: FileSystemOps {
    /// Creates the real file system.
    public init() {}

    /// Reads a file whole.
    public func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RemediationError.file(path: path, reason: "cannot read: \(Self.errnoText())")
        }
        return data
    }

    /// Whether anything exists at `path` (`lstat`).
    public func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Mode bits and owner (`stat`).
    public func attributes(_ path: String) -> FileAttributes? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileAttributes(mode: info.st_mode & 0o7777, uid: info.st_uid, gid: info.st_gid)
    }

    /// Temp file + fsync + rename + fsync of the directory; mode and owner set on the temp file.
    public func writeAtomically(_ path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws {
        let (dir, temp) = try writeTemporary(beside: path, data: data, mode: mode, owner: owner)
        guard rename(temp, path) == 0 else {
            let reason = Self.errnoText()
            unlink(temp)
            throw RemediationError.file(path: path, reason: "cannot replace: \(reason)")
        }
        Self.syncDirectory(dir)
    }

    /// Temp file + fsync, then `link` to `path` (which fails when anything exists there), then fsync of the directory.
    public func createExclusively(_ path: String, data: Data, mode: mode_t) throws -> Bool {
        let (dir, temp) = try writeTemporary(beside: path, data: data, mode: mode, owner: nil)
        defer { unlink(temp) }
        guard link(temp, path) == 0 else {
            if errno == EEXIST { return false }
            throw RemediationError.file(path: path, reason: "cannot create: \(Self.errnoText())")
        }
        Self.syncDirectory(dir)
        return true
    }

    /// A fsynced temporary file in `path`'s directory holding `data`; returns the directory and the temp path.
    func writeTemporary(
        beside path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?
    ) throws -> (directory: String, temp: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        let name = (path as NSString).lastPathComponent
        let temp = "\(dir)/.\(name).keyward-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw RemediationError.file(path: path, reason: "cannot create \(temp): \(Self.errnoText())") }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(temp) }
        }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RemediationError.file(path: path, reason: "write failed: \(Self.errnoText())")
                }
                offset += written
            }
        }
        if let owner, fchown(fd, owner.uid, owner.gid) != 0 {
            throw RemediationError.file(path: path, reason: "cannot keep owner: \(Self.errnoText())")
        }
        guard fchmod(fd, mode) == 0 else {
            throw RemediationError.file(path: path, reason: "cannot set mode: \(Self.errnoText())")
        }
        guard fsync(fd) == 0 else { throw RemediationError.file(path: path, reason: "fsync: \(Self.errnoText())") }
        ok = true
        return (dir, temp)
    }

    static func syncDirectory(_ dir: String) {
        let dirFD = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// `rename`.
    public func move(_ path: String, to destination: String) throws {
        guard rename(path, destination) == 0 else {
            throw RemediationError.file(path: path, reason: "cannot move to \(destination): \(Self.errnoText())")
        }
        Self.syncDirectory((destination as NSString).deletingLastPathComponent)
    }

    /// `lstat`.
    public func entry(_ path: String) -> FileEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: FileEntry.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFLNK: kind = .symbolicLink
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        return FileEntry(kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// `realpath`.
    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `mkdir -p` with `mode` for the created directories.
    public func createDirectory(_ path: String, mode: mode_t) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw RemediationError.file(path: path, reason: "exists and is not a directory")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createDirectory(parent, mode: mode) }
        guard mkdir(path, mode) == 0 || errno == EEXIST else {
            throw RemediationError.file(path: path, reason: "cannot create directory: \(Self.errnoText())")
        }
        chmod(path, mode)
    }

    /// Directory entries (without `.` and `..`).
    public func list(_ path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw RemediationError.file(path: path, reason: "cannot list: \(error.localizedDescription)")
        }
    }

    /// `unlink`; a missing file is fine.
    public func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw RemediationError.file(path: path, reason: "cannot remove: \(Self.errnoText())")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
