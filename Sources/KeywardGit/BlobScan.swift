import Foundation
import KeywardScan
import Synchronization

/// Each distinct (blob, path) of a scan's tasks: read and scanned once.
struct BlobKeys {
    private var keyOf: [String: Int] = [:]
    /// Blob and path of each key.
    private(set) var keys: [(blob: String, path: String)] = []
    /// Per task, in task order, its key.
    private(set) var taskKeys: [Int] = []

    /// Records `task`; returns its key when it is new (its blob still has to be read).
    mutating func add(_ task: BlobTask) -> Int? {
        let id = task.blob + "\u{0}" + task.path
        if let key = keyOf[id] {
            taskKeys.append(key)
            return nil
        }
        let key = keys.count
        keyOf[id] = key
        taskKeys.append(key)
        keys.append((task.blob, task.path))
        return key
    }
}

/// What reading the blobs gave: which were missing or binary, how much was scanned, and the
/// scanning pipeline the contents went to. Filled by one reading thread, read once it is done.
final class BlobScan: Sendable {
    private struct Counts {
        var binary = Set<Int>()
        var missing = Set<Int>()
        var filesScanned = 0
        var bytesScanned = 0
    }

    private let counts = Mutex(Counts())
    let pipeline: ScanPipeline

    init(pipeline: ScanPipeline) { self.pipeline = pipeline }

    var binary: Set<Int> { counts.withLock { $0.binary } }
    var missing: Set<Int> { counts.withLock { $0.missing } }
    var filesScanned: Int { counts.withLock { $0.filesScanned } }
    var bytesScanned: Int { counts.withLock { $0.bytesScanned } }

    /// One blob read (nil: missing, or not a blob). Binary blobs are scanned too: the content
    /// scanner runs only the binary-safe rules on them, and their findings carry a byte offset.
    func take(key: Int, path: String, content: [UInt8]?) {
        guard let content else {
            counts.withLock { _ = $0.missing.insert(key) }
            return
        }
        let isBinary = BinaryDetection.isBinary(content)
        counts.withLock { counts in
            if isBinary { counts.binary.insert(key) }
            counts.filesScanned += 1
            counts.bytesScanned += content.count
        }
        pipeline.submit(key: key, path: path, content: content)
    }
}

/// One thread that runs a throwing body; ``wait()`` returns its error.
final class ThrowingThread: Sendable {
    private let slot: ErrorSlot
    private let threads: WorkerThreads

    init(_ body: @escaping @Sendable () throws -> Void) {
        let slot = ErrorSlot()
        self.slot = slot
        threads = WorkerThreads(count: 1) { _ in
            do { try body() } catch { slot.error.withLock { $0 = error } }
        }
    }

    /// Waits for the body; its error, if it threw.
    func wait() -> Error? {
        threads.wait()
        return slot.error.withLock { $0 }
    }

    private final class ErrorSlot: Sendable {
        let error = Mutex<(any Error)?>(nil)
    }
}

/// Keys (with their path) in the order their ids were written to `cat-file`: the reading thread
/// takes them in the same order, waiting for the next one (`pop` is nil once closed and drained).
typealias AnnouncedBlobs = WorkQueue<AnnouncedBlob>

/// A blob's key and path, as announced to the reading thread.
struct AnnouncedBlob: Sendable {
    let key: Int
    let path: String
}
