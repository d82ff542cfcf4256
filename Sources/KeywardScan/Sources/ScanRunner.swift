import Foundation
import Synchronization

/// Scans files and directory trees on all cores: one thread walks, the others read and match.
public struct ScanRunner: Sendable {
    /// What to scan and how.
    public struct Options: Sendable {
        /// Files and directories to scan.
        public var roots: [String] = ["."]
        /// Follow symbolic links (loops are detected and reported).
        public var followSymlinks = false
        /// Scanning threads; default: every core.
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Bytes read per chunk of a large file.
        public var chunkSize = FileScanner.defaultChunkSize
        /// How archives are opened and bounded (`--no-archives`: `archives.enabled = false`).
        public var archives = ArchiveOptions()
        /// Files not to scan (the config file, which holds rule examples), reported as skipped.
        public var excludedFiles: [String] = []
        /// Scan (and list as skipped) only the entries of this shard, by path relative to the scan
        /// root; an archive's members go with the archive. Nil: everything.
        public var shard: Shard?
        /// Called now and then from a scanning thread with files and bytes done so far.
        public var progress: (@Sendable (_ files: Int, _ bytes: Int) -> Void)?
        /// Creates default options.
        public init() {}
    }

    let engine: ScanEngine
    let options: Options

    /// Creates a runner over a compiled engine.
    public init(engine: ScanEngine, options: Options) {
        self.engine = engine
        self.options = options
    }

    /// Walks and scans; findings come back unfiltered (see ``ReportAssembler``).
    public func run() throws(ScanError) -> ScanOutput {
        let queue = WorkQueue<WalkedFile>()
        let collector = Collector()
        // The walker runs on this thread only: one matcher for the config's path allowlist.
        let walkMatcher = PCRE2Matcher()
        let allowlist = engine.allowlist
        let excluded = Set(options.excludedFiles.map(Self.canonical))
        let excludedNames = Set(options.excludedFiles.map { ($0 as NSString).lastPathComponent })
        let shard = options.shard
        let walker = FileWalker(
            followSymlinks: options.followSymlinks,
            isPathAllowed: { path in !allowlist.paths.isEmpty && allowlist.allows(path: path, matcher: walkMatcher) },
            emit: { file in
                if let shard, !shard.contains(path: file.path, pathBytes: file.pathBytes) { return }
                // Cheap name check first (NSString.lastPathComponent per file costs ~5% of a scan).
                if !excludedNames.isEmpty,
                    excludedNames.contains(String(file.path.split(separator: "/").last ?? Substring(file.path))),
                    excluded.contains(Self.canonical(file.absolutePath))
                {
                    collector.add(skipped: SkippedFile(path: file.path, reason: "keyward config (holds rule examples)"))
                } else {
                    queue.push(file)
                }
            },
            skip: { skipped in
                if let shard, !shard.contains(skipped) { return }
                collector.add(skipped: skipped)
            })
        let options = options
        let workers = WorkerThreads(count: options.threads) { _ in
            engine.withWorker { worker in
                let scanner = FileScanner(worker: worker, chunkSize: options.chunkSize, archives: options.archives)
                while let file = queue.pop() {
                    switch scanner.scan(file) {
                    case .scanned(let output):
                        let (files, total) = collector.add(output)
                        if let progress = options.progress, files % 256 == 0 { progress(files, total) }
                    case .skipped(let reason):
                        var skipped = SkippedFile(path: file.path, reason: reason)
                        skipped.pathBytes = file.pathBytes
                        collector.add(skipped: skipped)
                    }
                }
            }
        }
        var walkError: ScanError?
        do {
            try walker.walk(roots: options.roots)
        } catch {
            walkError = error
        }
        queue.close()
        workers.wait()
        if let walkError { throw walkError }
        return collector.output
    }
}

extension ScanRunner {
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Raw results of a scan, before examples, baseline and grouping.
public struct ScanOutput: Sendable {
    /// Every finding, examples included.
    public var result = ContentScanResult()
    /// Skipped files with reasons.
    public var skipped: [SkippedFile] = []
    /// Files scanned.
    public var files = 0
    /// Bytes scanned.
    public var bytes = 0

    /// Creates an empty output.
    public init() {}
}

/// Thread-safe accumulation of per-file results.
private final class Collector: Sendable {
    private let value = Mutex(ScanOutput())

    func add(_ output: FileScanner.Output) -> (Int, Int) {
        value.withLock { value in
            value.result.append(output.content)
            value.files += output.files
            value.bytes += output.bytes
            value.skipped += output.skipped
            return (value.files, value.bytes)
        }
    }

    func add(skipped: SkippedFile) {
        value.withLock { $0.skipped.append(skipped) }
    }

    var output: ScanOutput {
        value.withLock { $0 }
    }
}
