import Foundation
import KeywardScan

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
final class BlobScan: @unchecked Sendable {
    private(set) var binary = Set<Int>()
    private(set) var missing = Set<Int>()
    private(set) var filesScanned = 0
    private(set) var bytesScanned = 0
    let pipeline: ScanPipeline

    init(pipeline: ScanPipeline) { self.pipeline = pipeline }

    /// One blob read (nil: missing, or not a blob). Binary blobs are scanned too: the content
    /// scanner runs only the binary-safe rules on them, and their findings carry a byte offset.
    func take(key: Int, path: String, content: [UInt8]?) {
        guard let content else {
            missing.insert(key)
            return
        }
        if BinaryDetection.isBinary(content) { binary.insert(key) }
        filesScanned += 1
        bytesScanned += content.count
        pipeline.submit(key: key, path: path, content: content)
    }
}

/// One thread that runs a throwing body; ``wait()`` returns its error.
final class ThrowingThread: @unchecked Sendable {
    private var error: Error?
    private var threads: WorkerThreads?

    init(_ body: @escaping @Sendable () throws -> Void) {
        threads = WorkerThreads(count: 1) { [self] _ in
            do { try body() } catch { self.error = error }
        }
    }

    /// Waits for the body; its error, if it threw.
    func wait() -> Error? {
        threads?.wait()
        threads = nil
        return error
    }
}

/// Keys (with their path) in the order their ids were written to `cat-file`: the reading thread
/// takes them in the same order, waiting for the next one.
final class AnnouncedBlobs: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [(key: Int, path: String)] = []
    private var head = 0
    private var closed = false

    func push(key: Int, path: String) {
        condition.lock()
        items.append((key, path))
        condition.signal()
        condition.unlock()
    }

    /// No more keys will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next key, waiting for it; nil once closed and drained.
    func pop() -> (key: Int, path: String)? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        head += 1
        return items[head - 1]
    }
}
