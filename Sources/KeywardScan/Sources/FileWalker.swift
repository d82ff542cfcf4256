import Foundation

/// A regular file found by the walk.
struct WalkedFile: Sendable {
    /// Path to open.
    var absolutePath: String
    /// Path as reported (relative to the scan root).
    var path: String
}

/// Walks files and directory trees: `.git/` internals skipped, symlinks not followed unless asked
/// (then loops detected), and every entry it cannot or should not scan reported with a reason.
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

    /// Walks each root. A root that is a file is reported under the path as given.
    func walk(roots: [String]) throws(ScanError) {
        for root in roots {
            var info = stat()
            guard stat(root, &info) == 0 else {
                throw .unreadableRoot(path: root, reason: String(cString: strerror(errno)))
            }
            let label = roots.count == 1 ? "" : Self.normalized(root)
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var visited: Set<DirectoryID> = [DirectoryID(info)]
                walkDirectory(root, label: label, ancestors: [DirectoryID(info)], visited: &visited)
            } else {
                visit(root, label: Self.normalized(root))
            }
        }
    }

    static func normalized(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") { result.removeFirst(2) }
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result == "." ? "" : result
    }

    private func join(_ label: String, _ name: String) -> String { label.isEmpty ? name : label + "/" + name }

    private func walkDirectory(
        _ directory: String, label: String, ancestors: [DirectoryID], visited: inout Set<DirectoryID>
    ) {
        guard let handle = opendir(directory) else {
            skip(SkippedFile(path: label.isEmpty ? "." : label, reason: "unreadable: " + String(cString: strerror(errno))))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        for name in names.sorted() {
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let path = join(label, name)
            if name == ".git" {
                skip(SkippedFile(path: path, reason: "git internals (use --history to scan commits)"))
                continue
            }
            visitEntry(full, path: path, ancestors: ancestors, visited: &visited)
        }
    }

    private func visitEntry(_ full: String, path: String, ancestors: [DirectoryID], visited: inout Set<DirectoryID>) {
        var info = stat()
        guard lstat(full, &info) == 0 else {
            skip(SkippedFile(path: path, reason: errno == ENOENT ? "vanished" : "unreadable: " + String(cString: strerror(errno))))
            return
        }
        var kind = info.st_mode & S_IFMT
        if kind == S_IFLNK {
            guard followSymlinks else {
                skip(SkippedFile(path: path, reason: "symlink (not followed; use --follow-symlinks)"))
                return
            }
            guard stat(full, &info) == 0 else {
                skip(SkippedFile(path: path, reason: errno == ELOOP ? "symlink loop" : "broken symlink"))
                return
            }
            kind = info.st_mode & S_IFMT
        }
        if kind == S_IFDIR {
            let id = DirectoryID(info)
            if ancestors.contains(id) {
                skip(SkippedFile(path: path, reason: "symlink loop"))
                return
            }
            guard visited.insert(id).inserted else {
                skip(SkippedFile(path: path, reason: "directory already scanned through another path"))
                return
            }
            if isPathAllowed(path + "/") {
                skip(SkippedFile(path: path, reason: "allowlisted path"))
                return
            }
            walkDirectory(full, label: path, ancestors: ancestors + [id], visited: &visited)
            return
        }
        visit(full, label: path, kind: kind)
    }

    private func visit(_ full: String, label: String, kind: mode_t? = nil) {
        if let kind, kind != S_IFREG {
            let what = kind == S_IFIFO ? "fifo" : kind == S_IFSOCK ? "socket" : "device"
            skip(SkippedFile(path: label, reason: "not a regular file (\(what))"))
            return
        }
        if isPathAllowed(label) {
            skip(SkippedFile(path: label, reason: "allowlisted path"))
            return
        }
        emit(WalkedFile(absolutePath: full, path: label))
    }
}

