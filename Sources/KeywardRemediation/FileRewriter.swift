import Foundation

/// Rewrites one file atomically: literals replaced (also inside base64 values, as in a Kubernetes
/// Secret's `data:`), mode and owner kept, a 0600 backup kept in the state directory, result checked.
///
/// Never writes through a symbolic link, nor to a file whose real path leaves the allowed roots.
struct FileRewriter {
    let fileSystem: any FileSystemOps
    let clock: any RemediationClock
    /// Where backups go (0700, in the state directory).
    let backupDirectory: String

    /// A computed rewrite, checked but not written.
    struct Prepared {
        /// The path written (symbolic links in parent directories resolved).
        var realPath: String
        var original: Data
        var updated: Data
        var identity: FileEntry
    }

    /// Replaces each `old` literal by its `new` one; returns the backup path, nil when already rewritten.
    ///
    /// `expect` must appear in the result (plainly or base64-encoded) and none of the `old` literals may remain.
    func rewrite(
        _ path: String, replacements: [(old: String, new: String)], expect: String, roots: [String]
    ) throws -> String? {
        guard let prepared = try prepare(path, replacements: replacements, expect: expect, roots: roots) else {
            return nil
        }
        guard let attributes = fileSystem.attributes(prepared.realPath) else {
            throw RemediationError.file(path: path, reason: "cannot read its mode and owner")
        }
        try fileSystem.createDirectory(backupDirectory, mode: 0o700)
        let name = (prepared.realPath as NSString).lastPathComponent
        let backup = "\(backupDirectory)/\(Self.stamp(clock.now()))-\(UUID().uuidString.prefix(8))-\(name)"
        try fileSystem.writeAtomically(backup, data: prepared.original, mode: 0o600, owner: nil)
        // The file must still be the one read: a swap for a link (or another file) since is refused.
        guard fileSystem.entry(prepared.realPath) == prepared.identity else {
            throw RemediationError.file(path: path, reason: "the file was replaced while keyward rewrote it; not rewritten")
        }
        try fileSystem.writeAtomically(
            prepared.realPath, data: prepared.updated, mode: attributes.mode, owner: (attributes.uid, attributes.gid))
        let check = try fileSystem.read(prepared.realPath)
        guard check == prepared.updated else {
            throw RemediationError.file(path: path, reason: "content read back differs from what was written")
        }
        return backup
    }

    /// Everything a rewrite does except writing: resolve, read, replace, check. Nil when the file
    /// already holds `expect` and no old literal (a rerun after the rewrite).
    func prepare(
        _ path: String, replacements: [(old: String, new: String)], expect: String, roots: [String]
    ) throws -> Prepared? {
        let (real, identity) = try resolve(path, roots: roots)
        let original = try fileSystem.read(real)
        guard let text = String(data: original, encoding: .utf8) else {
            throw RemediationError.file(path: path, reason: "not UTF-8 text; not rewritten")
        }
        // A literal with a NUL byte is never a key (and Foundation's replacement traps on all-NUL text).
        let replacements = replacements.filter { !$0.old.isEmpty && !$0.old.contains("\0") }
        let plain = replacements.filter { text.contains($0.old) }
        var updated = text
        var expectedSize = original.count
        for replacement in plain {
            let count = updated.components(separatedBy: replacement.old).count - 1
            expectedSize += count * (replacement.new.utf8.count - replacement.old.utf8.count)
            updated = updated.replacingOccurrences(of: replacement.old, with: replacement.new)
        }
        var evidence = expect
        var gone = plain.map(\.old)
        let encoded = Base64Values.rewrite(updated, replacements: replacements)
        if !encoded.changes.isEmpty {
            updated = encoded.text
            expectedSize += encoded.changes.reduce(0) { $0 + $1.new.utf8.count - $1.old.utf8.count }
            gone += encoded.changes.map(\.old)
            if !updated.contains(expect), let token = encoded.changes.first(where: { $0.decodedNew.contains(expect) }) {
                evidence = token.new
            }
        }
        if plain.isEmpty, encoded.changes.isEmpty {
            if text.contains(expect) || Base64Values.contains(text, expect) { return nil }
            throw RemediationError.file(
                path: path, reason: "the old key is not in the file (plainly or base64-encoded); not rewritten")
        }
        let data = Data(updated.utf8)
        try FileFormatCheck.validate(
            path: path, original: text, rewritten: updated, size: data.count, expectedSize: expectedSize,
            expect: evidence, gone: gone)
        return Prepared(realPath: real, original: original, updated: data, identity: identity)
    }

    /// The real path of a regular file that is not a symbolic link and, when `roots` are given, lies
    /// under one of them once every link is resolved.
    func resolve(_ path: String, roots: [String]) throws -> (String, FileEntry) {
        guard let entry = fileSystem.entry(path) else {
            throw RemediationError.file(path: path, reason: "no longer exists; not rewritten")
        }
        switch entry.kind {
        case .regular: break
        case .symbolicLink:
            let target = fileSystem.realPath(path) ?? "a missing file"
            throw RemediationError.file(
                path: path,
                reason: "is a symbolic link (to \(target)); keyward never rewrites through a link: "
                    + "rewrite the target by hand, or name it with `keyward rotate --file`")
        case .directory, .other:
            throw RemediationError.file(path: path, reason: "is not a regular file; not rewritten")
        }
        guard let real = fileSystem.realPath(path) else {
            throw RemediationError.file(path: path, reason: "its real path cannot be resolved; not rewritten")
        }
        if !roots.isEmpty {
            let inside = roots.contains { root in
                guard let base = fileSystem.realPath(root) else { return false }
                return real == base || real.hasPrefix(base == "/" ? "/" : base + "/")
            }
            guard inside else {
                throw RemediationError.file(
                    path: path,
                    reason: "resolves to \(real), outside the scanned tree (\(roots.joined(separator: ", "))); not rewritten")
            }
        }
        guard let identity = fileSystem.entry(real), identity.kind == .regular else {
            throw RemediationError.file(path: path, reason: "changed while keyward examined it; not rewritten")
        }
        return (real, identity)
    }

    /// Puts a backup's content back in place (mode and owner of the current file kept), then removes the backup.
    func restore(_ path: String, from backup: String) throws {
        let data = try fileSystem.read(backup)
        if fileSystem.entry(path)?.kind == .symbolicLink {
            throw RemediationError.file(path: path, reason: "is now a symbolic link; not restored (the backup is \(backup))")
        }
        let attributes = fileSystem.attributes(path)
        try fileSystem.writeAtomically(
            path, data: data, mode: attributes?.mode ?? 0o600, owner: attributes.map { ($0.uid, $0.gid) })
        try fileSystem.remove(backup)
    }

    /// `20240102T030405Z`.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
