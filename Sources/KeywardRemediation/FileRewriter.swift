import Foundation

/// Rewrites one file atomically: literals replaced, mode and owner kept, a 0600 backup kept, result checked.
struct FileRewriter {
    let fileSystem: any FileSystemOps
    let clock: any RemediationClock

    /// Replaces each `old` literal by its `new` one; returns the backup path, nil when already rewritten.
    ///
    /// `expect` must appear in the result and none of the `old` literals may remain.
    func rewrite(_ path: String, replacements: [(old: String, new: String)], expect: String) throws -> String? {
        let original = try fileSystem.read(path)
        guard let text = String(data: original, encoding: .utf8) else {
            throw RemediationError.file(path: path, reason: "not UTF-8 text; not rewritten")
        }
        let effective = replacements.filter { !$0.old.isEmpty && text.contains($0.old) }
        if effective.isEmpty {
            if text.contains(expect) { return nil }
            throw RemediationError.file(path: path, reason: "the old key is no longer in the file; not rewritten")
        }
        var updated = text
        var expectedSize = original.count
        for replacement in effective {
            let count = updated.components(separatedBy: replacement.old).count - 1
            expectedSize += count * (replacement.new.utf8.count - replacement.old.utf8.count)
            updated = updated.replacingOccurrences(of: replacement.old, with: replacement.new)
        }
        let data = Data(updated.utf8)
        try FileFormatCheck.validate(
            path: path, original: text, rewritten: updated, size: data.count, expectedSize: expectedSize,
            expect: expect, gone: effective.map(\.old))
        guard let attributes = fileSystem.attributes(path) else {
            throw RemediationError.file(path: path, reason: "cannot read its mode and owner")
        }
        let backup = "\(path).keyward-backup-\(Self.stamp(clock.now()))"
        try fileSystem.writeAtomically(
            backup, data: original, mode: 0o600, owner: (attributes.uid, attributes.gid))
        try fileSystem.writeAtomically(path, data: data, mode: attributes.mode, owner: (attributes.uid, attributes.gid))
        let check = try fileSystem.read(path)
        guard check == data else {
            throw RemediationError.file(path: path, reason: "content read back differs from what was written")
        }
        return backup
    }

    /// Puts a backup's content back in place (mode and owner of the current file kept), then removes the backup.
    func restore(_ path: String, from backup: String) throws {
        let data = try fileSystem.read(backup)
        let attributes = fileSystem.attributes(path) ?? fileSystem.attributes(backup)
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
