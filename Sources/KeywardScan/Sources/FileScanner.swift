import Foundation

/// Scans one walked file: opened without blocking or following a swapped-in symlink, read in
/// bounded chunks, binary files with the binary-safe rules, archives member by member (see
/// `FileScanner+Archives.swift`).
final class FileScanner {
    /// Everything one file produced, archive members included.
    struct Output {
        var content = ContentScanResult()
        /// Files and archive members whose bytes were scanned.
        var files = 0
        /// Bytes scanned (uncompressed, for archive members).
        var bytes = 0
        /// Members (or the file itself) that could not be scanned, with reasons.
        var skipped: [SkippedFile] = []
    }

    /// What happened to one file.
    enum Outcome {
        case scanned(Output)
        case skipped(String)
    }

    /// Bytes each chunk owns, by default.
    static let defaultChunkSize = 8 << 20
    /// Context on each side of a chunk, by default: the longest match that may straddle two chunks.
    static let defaultOverlap = 64 << 10

    let worker: EngineWorker
    let chunkSize: Int
    let overlap: Int
    let archives: ArchiveOptions
    /// One stream scanner (one buffer) per archive nesting level, made when first needed.
    private var levels: [StreamScanner] = []

    init(
        worker: EngineWorker, chunkSize: Int = FileScanner.defaultChunkSize, overlap: Int = FileScanner.defaultOverlap,
        archives: ArchiveOptions = ArchiveOptions()
    ) {
        self.worker = worker
        self.chunkSize = chunkSize
        self.overlap = overlap
        self.archives = archives
    }

    func scan(_ file: WalkedFile) -> Outcome {
        // O_NONBLOCK: a file swapped for a FIFO after the walk's lstat cannot block this worker;
        // O_NOFOLLOW: nor can one swapped for a symlink lead elsewhere.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (file.noFollow ? O_NOFOLLOW : 0)
        let fd = file.raw.withCString { Glibc.open($0, flags) }
        guard fd >= 0 else {
            return .skipped(
                errno == ELOOP && file.noFollow
                    ? "replaced by a symlink during the scan (not followed)" : Self.reason(errno))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .skipped(Self.reason(errno)) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            return .skipped(
                "not a regular file (\(kind == S_IFIFO ? "fifo" : kind == S_IFSOCK ? "socket" : kind == S_IFDIR ? "directory" : "device"))"
            )
        }
        let label = RawPath(bytes: file.pathBytes ?? Array(file.path.utf8))
        var output = Output()
        let budget = ArchiveBudget(options: archives)
        let file = FileDescriptorSource(fd: fd, size: Int(info.st_size))
        if let failure = scanStream(file, label: label, depth: 0, budget: budget, seekable: file, into: &output),
            !failure.reported
        {
            if output.files == 0 && output.content.findings.isEmpty && output.skipped.isEmpty {
                return .skipped(failure.reason)
            }
            output.skipped.append(SkippedFile(path: label, reason: failure.reason))
        }
        return .scanned(output)
    }

    /// Scans one stream (the file, or a member at `depth` archives down); returns why it stopped early.
    func scanStream(
        _ source: ByteSource, label: RawPath, depth: Int, budget: ArchiveBudget, seekable: FileDescriptorSource?,
        into output: inout Output
    ) -> ReadFailure? {
        let level = scanner(at: depth)
        let head: StreamScanner.Head
        do {
            head = try level.readHead(source)
        } catch {
            return error
        }
        if archives.enabled, head.isBinary || ArchiveNames.looksLikeArchive(label.bytes) {
            switch ArchiveReader.recognise(head.bytes) {
            case .archive:
                guard depth < archives.maxDepth else {
                    output.skipped.append(
                        SkippedFile(
                            path: label, reason: "archive nested more than \(archives.maxDepth) levels deep; not opened"
                        ))
                    return nil
                }
                return scanArchive(
                    head: head, source: source, label: label, depth: depth, budget: budget, seekable: seekable, into: &output)
            case .unreadable(let message):
                output.skipped.append(
                    SkippedFile(
                        path: label, reason: "corrupt archive (\(message)); its bytes were scanned as a binary file"))
            case .none:
                break
            }
        }
        var content = ContentScanResult()
        let (bytes, failure) = level.scan(source, head: head, path: label.displayed, into: &content)
        let pathBytes = label.nonUTF8Bytes
        for index in content.findings.indices {
            content.findings[index].pathBytes = pathBytes
            content.findings[index].isArchiveMember = depth > 0
        }
        output.content.append(content)
        output.bytes += bytes
        if failure == nil { output.files += 1 }
        return failure
    }

    private func scanner(at depth: Int) -> StreamScanner {
        while levels.count <= depth {
            // Members stream through smaller buffers: nesting stays within a few megabytes.
            let size = levels.isEmpty ? chunkSize : min(chunkSize, 1 << 20)
            levels.append(StreamScanner(worker: worker, chunkSize: size, overlap: overlap))
        }
        return levels[depth]
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "vanished"
        case ELOOP: return "symlink loop"
        default: return "unreadable: " + String(cString: strerror(code))
        }
    }
}
