import Foundation

extension FileScanner {
    /// Scans every regular member of the archive whose first bytes are `head`; members that are
    /// archives themselves are opened in turn, down to `archives.maxDepth`.
    func scanArchive(
        head: StreamScanner.Head, source: ByteSource, label: RawPath, depth: Int, budget: ArchiveBudget,
        seekable: FileDescriptorSource?, into output: inout Output
    ) -> ReadFailure? {
        let input = ArchiveInput(
            head: head.bytes, source: source, seekable: depth == 0 ? seekable : nil, budget: depth == 0 ? budget : nil)
        let reader: ArchiveReader
        do {
            reader = try ArchiveReader.open(input)
        } catch {
            output.skipped.append(SkippedFile(path: label, reason: "corrupt archive: \(error.message)"))
            return nil
        }
        var members = 0
        var failures = 0
        while true {
            let entry: ArchiveReader.Entry
            do {
                guard let next = try reader.nextEntry() else { return nil }
                entry = next
            } catch {
                if let failure = input.failure, failure.stopsArchive {
                    return failure.reported ? failure : reported(failure, at: label, into: &output)
                }
                failures += 1
                let stop = error.fatal || failures >= 16
                let rest = stop ? "; rest of the archive not scanned" : ""
                output.skipped.append(
                    SkippedFile(
                        path: label, reason: "corrupt archive after \(members) members: \(error.message)\(rest)"))
                if stop { return nil }
                continue
            }
            guard entry.isRegularFile else { continue }
            members += 1
            let member = reader.isRaw ? ArchiveNames.rawMember(of: label) : ArchiveNames.member(entry.name, of: label)
            if entry.isEncrypted {
                output.skipped.append(
                    SkippedFile(path: member, reason: "encrypted archive member (cannot be read without its password)"))
                continue
            }
            let data = ArchiveMemberSource(reader: reader, budget: budget)
            guard
                let failure = scanStream(data, label: member, depth: depth + 1, budget: budget, seekable: nil, into: &output)
            else {
                continue
            }
            if failure.reported { return failure }
            if failure.stopsArchive { return reported(failure, at: member, into: &output) }
            output.skipped.append(SkippedFile(path: member, reason: failure.reason))
        }
    }

    private func reported(_ failure: ReadFailure, at label: RawPath, into output: inout Output) -> ReadFailure {
        output.skipped.append(SkippedFile(path: label, reason: failure.reason))
        var failure = failure
        failure.reported = true
        return failure
    }
}

/// The data of the archive member `reader` is positioned on, charged to the file's budget.
final class ArchiveMemberSource: ByteSource {
    private let reader: ArchiveReader
    private let budget: ArchiveBudget

    init(reader: ArchiveReader, budget: ArchiveBudget) {
        self.reader = reader
        self.budget = budget
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
        let read: Int
        do {
            read = try reader.readData(into: buffer, count: count)
        } catch {
            throw ReadFailure(reason: "unreadable archive member: \(error.message)", stopsArchive: error.fatal)
        }
        try budget.charge(read)
        return read
    }
}

/// How archive members are named in reports, and which names suggest an archive.
enum ArchiveNames {
    /// `app.jar!/BOOT-INF/classes/application.properties`.
    static func member(_ name: [UInt8], of container: RawPath) -> RawPath {
        var name = name[...]
        while name.first == UInt8(ascii: "/") { name = name.dropFirst() }
        return RawPath(bytes: container.bytes + Array("!/".utf8) + name)
    }

    /// A lone compressed file's content: `notes.txt.gz!/notes.txt`.
    static func rawMember(of container: RawPath) -> RawPath {
        let base =
            container.bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last.map(Array.init)
            ?? []
        let name = String(decoding: base, as: UTF8.self).lowercased()
        let suffix = compressedSuffixes.first { name.hasSuffix($0) && name.count > $0.count }
        let stripped = suffix.map { Array(base.dropLast($0.utf8.count)) } ?? base
        return member(stripped.isEmpty ? Array("data".utf8) : stripped, of: container)
    }

    /// File names that may be archives even when their first bytes hold no NUL byte (a tiny
    /// compressed file); anything else is recognised by content.
    /// Compares bytes, ASCII case-insensitively (the suffixes are ASCII): it runs once per file.
    static func looksLikeArchive(_ path: [UInt8]) -> Bool {
        let nameStart = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        let nameLength = path.count - nameStart
        return archiveSuffixBytes.contains { suffix in
            guard suffix.count <= nameLength else { return false }
            var index = path.count - suffix.count
            for byte in suffix {
                let folded = path[index] >= 0x41 && path[index] <= 0x5A ? path[index] | 0x20 : path[index]
                guard folded == byte else { return false }
                index += 1
            }
            return true
        }
    }

    private static let archiveSuffixBytes = archiveSuffixes.map { Array($0.utf8) }

    static let compressedSuffixes = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".lzma", ".z"]
    static let archiveSuffixes =
        compressedSuffixes + [
            ".zip", ".jar", ".war", ".ear", ".apk", ".aab", ".whl", ".egg", ".nupkg", ".xpi", ".ipa", ".tar", ".tgz",
            ".tbz", ".tbz2", ".txz", ".7z", ".cpio", ".deb", ".iso", ".rar", ".cab",
        ]
}
