import Foundation

/// The file operations remediation needs (a test seam: a fake can fail writes for one path).
public protocol FileSystemOps: Sendable {
    /// The bytes of a file; throws when it cannot be read.
    func read(_ path: String) throws -> Data
    /// Whether anything exists at `path`.
    func exists(_ path: String) -> Bool
    /// Permission bits and owner of an existing file; nil when it does not exist.
    func attributes(_ path: String) -> FileAttributes?
    /// Writes `data` to `path` atomically: temp file in the same directory, fsync, rename, fsync directory.
    func writeAtomically(_ path: String, data: Data, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws
    /// Creates a directory and its parents with `mode`; fine when it exists.
    func createDirectory(_ path: String, mode: mode_t) throws
    /// Names of the entries of a directory.
    func list(_ path: String) throws -> [String]
    /// Removes a file; fine when it does not exist.
    func remove(_ path: String) throws
    /// Creates `path` holding `data` (fsynced, `mode`) only if nothing exists there; false when something does.
    func createExclusively(_ path: String, data: Data, mode: mode_t) throws -> Bool
    /// Renames `path` to `destination` (same file system).
    func move(_ path: String, to destination: String) throws
    /// What is at `path` itself (`lstat`: a symbolic link is reported as one); nil when nothing is.
    func entry(_ path: String) -> FileEntry?
    /// The path with every symbolic link and `..` resolved (`realpath`); nil when it cannot be resolved.
    func realPath(_ path: String) -> String?
}

/// What `lstat` says of a path.
public struct FileEntry: Sendable, Equatable {
    /// The kind of entry.
    public enum Kind: Sendable, Equatable {
        /// A regular file.
        case regular
        /// A symbolic link (not followed).
        case symbolicLink
        /// A directory.
        case directory
        /// A FIFO, socket or device.
        case other
    }

    /// The kind.
    public var kind: Kind
    /// Device and inode: the identity of the file.
    public var device: UInt64
    /// Inode number.
    public var inode: UInt64

    /// Creates an entry.
    public init(kind: Kind, device: UInt64, inode: UInt64) {
        self.kind = kind
        self.device = device
        self.inode = inode
    }
}

/// Permission bits and owner of a file.
public struct FileAttributes: Sendable, Equatable {
    /// Permission bits (e.g. 0o600).
    public var mode: mode_t
    /// Owning user.
    public var uid: uid_t
    /// Owning group.
    public var gid: gid_t

    /// Creates attributes.
    public init(mode: mode_t, uid: uid_t, gid: gid_t) {
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }
}
