import Foundation

/// A regular file found by the walk.
struct WalkedFile: Sendable {
    /// Path to open, as bytes (names need not be UTF-8).
    var raw: RawPath
    /// Path as reported (relative to the scan root; invalid UTF-8 shown as `\xNN`).
    var path: String
    /// The reported path's bytes when they are not valid UTF-8.
    var pathBytes: [UInt8]?
    /// `lstat` saw a regular file, not a symlink: open with `O_NOFOLLOW`, so a file swapped for a
    /// symlink between the walk and the read is not followed.
    var noFollow = false

    /// A file to open at `absolutePath`, reported as `path`.
    init(absolutePath: String, path: String) {
        raw = RawPath(absolutePath)
        self.path = path
    }

    init(raw: RawPath, label: RawPath, noFollow: Bool) {
        self.raw = raw
        path = label.displayed
        pathBytes = label.nonUTF8Bytes
        self.noFollow = noFollow
    }

    /// The path to open as a string (lossy for names that are not UTF-8).
    var absolutePath: String { String(decoding: raw.bytes, as: UTF8.self) }
}

/// Walks files and directory trees: `.git/` internals skipped, symlinks not followed unless asked
/// (then loops detected), and every entry it cannot or should not scan reported with a reason.
///
/// Iterative (an explicit stack, no directory handle kept open while descending): 1,500 nested
/// folders cost neither stack depth nor file descriptors. Names are bytes end to end.
struct FileWalker {
    var followSymlinks = false
    /// Files whose relative path a config allowlist excludes.
    var isPathAllowed: (String) -> Bool = { _ in false }
    /// Called with every file to scan, in walk order (possibly from the walking thread).
    var emit: (WalkedFile) -> Void
    /// Called with every entry skipped.
    var skip: (SkippedFile) -> Void

    struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// One directory being walked: its sorted entry names and how far the walk got.
    private struct Frame {
        var directory: RawPath
        var label: RawPath
        var id: DirectoryID
        var names: [[UInt8]]
        /// Per name, `d_type` from `readdir` (`DT_UNKNOWN` when the file system does not say).
        var types: [UInt8]
        var next = 0
    }

    /// Walks each root. A root that is a file is reported under the path as given.
    func walk(roots: [String]) throws(ScanError) {
        for root in roots {
            var info = stat()
            guard stat(root, &info) == 0 else {
                throw .unreadableRoot(path: root, reason: String(cString: strerror(errno)))
            }
            let label = roots.count == 1 ? "" : Self.normalized(root)
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walkTree(RawPath(root), label: RawPath(label), id: DirectoryID(info))
            } else {
                visit(RawPath(root), label: RawPath(Self.normalized(root)), kind: nil, noFollow: false)
            }
        }
    }

    static func normalized(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") { result.removeFirst(2) }
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result == "." ? "" : result
    }

    private func walkTree(_ root: RawPath, label: RawPath, id: DirectoryID) {
        var visited: Set<DirectoryID> = [id]
        var stack: [Frame] = []
        if let frame = readDirectory(root, label: label, id: id) { stack.append(frame) }
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].names.count else {
                stack.removeLast()
                continue
            }
            let name = stack[top].names[stack[top].next]
            let type = stack[top].types[stack[top].next]
            stack[top].next += 1
            let full = stack[top].directory.appending(name)
            let path = stack[top].label.appending(name)
            if name == Array(".git".utf8) {
                skip(SkippedFile(path: path, reason: "git internals (use --history to scan commits)"))
                continue
            }
            // A regular file by `d_type` needs no `lstat`: the scanner opens it with O_NOFOLLOW and
            // checks with `fstat` that it is still a regular file (one lstat per file was ~5% of a scan).
            if type == Self.regularFileType {
                visit(full, label: path, kind: S_IFREG, noFollow: true)
                continue
            }
            guard let (info, kind, noFollow) = entryKind(full, path: path) else { continue }
            guard kind == S_IFDIR else {
                visit(full, label: path, kind: kind, noFollow: noFollow)
                continue
            }
            let childID = DirectoryID(info)
            if stack.contains(where: { $0.id == childID }) {
                skip(SkippedFile(path: path, reason: "symlink loop"))
            } else if !visited.insert(childID).inserted {
                skip(SkippedFile(path: path, reason: "directory already scanned through another path"))
            } else if isPathAllowed(path.displayed + "/") {
                skip(SkippedFile(path: path, reason: "allowlisted path"))
            } else if let frame = readDirectory(full, label: path, id: childID) {
                stack.append(frame)
            }
        }
    }

    /// Reads a directory's names (sorted by bytes) and closes it again.
    private func readDirectory(_ directory: RawPath, label: RawPath, id: DirectoryID) -> Frame? {
        guard let handle = directory.withCString({ opendir($0) }) else {
            let shown = label.bytes.isEmpty ? RawPath(".") : label
            skip(SkippedFile(path: shown, reason: "unreadable: " + String(cString: strerror(errno))))
            return nil
        }
        var entries: [(name: [UInt8], type: UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] {
                entries.append((name, entry.pointee.d_type))
            }
        }
        closedir(handle)
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return Frame(directory: directory, label: label, id: id, names: entries.map(\.name), types: entries.map(\.type))
    }

    /// `lstat` (then `stat` for a followed symlink); nil when the entry was reported as skipped.
    private func entryKind(_ full: RawPath, path: RawPath) -> (stat, mode_t, noFollow: Bool)? {
        var info = stat()
        guard full.withCString({ lstat($0, &info) }) == 0 else {
            skip(
                SkippedFile(
                    path: path, reason: errno == ENOENT ? "vanished" : "unreadable: " + String(cString: strerror(errno))
                ))
            return nil
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFLNK else { return (info, kind, true) }
        guard followSymlinks else {
            skip(SkippedFile(path: path, reason: "symlink (not followed; use --follow-symlinks)"))
            return nil
        }
        guard full.withCString({ stat($0, &info) }) == 0 else {
            skip(SkippedFile(path: path, reason: errno == ELOOP ? "symlink loop" : "broken symlink"))
            return nil
        }
        return (info, info.st_mode & S_IFMT, false)
    }

    /// `DT_REG`.
    private static let regularFileType = UInt8(DT_REG)

    private func visit(_ full: RawPath, label: RawPath, kind: mode_t?, noFollow: Bool) {
        if let kind, kind != S_IFREG {
            let what = kind == S_IFIFO ? "fifo" : kind == S_IFSOCK ? "socket" : "device"
            skip(SkippedFile(path: label, reason: "not a regular file (\(what))"))
            return
        }
        if isPathAllowed(label.displayed) {
            skip(SkippedFile(path: label, reason: "allowlisted path"))
            return
        }
        emit(WalkedFile(raw: full, label: label, noFollow: noFollow))
    }
}

extension SkippedFile {
    init(path: RawPath, reason: String) {
        self.init(path: path.displayed, reason: reason)
        pathBytes = path.nonUTF8Bytes
    }
}
