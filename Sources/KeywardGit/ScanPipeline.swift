import Foundation
import KeywardScan

/// Scans blob contents on `parallelism` threads of their own while the caller keeps reading the
/// next blobs from git.
///
/// Memory is bounded: the caller waits in ``submit(key:path:content:)`` while the blobs queued or
/// being scanned hold more than `maxQueuedBytes` (a single larger blob is still taken, alone).
/// Threads of their own, not `DispatchQueue.global()`: that pool is as wide as the machine has
/// cores and the reading thread already holds one, so on two cores only one blob was scanned at a time.
final class ScanPipeline: @unchecked Sendable {
    /// What the content scanner returned for one submitted blob.
    typealias Outcome = (findings: [Finding], issues: [ScanIssue])

    private struct Item {
        let key: Int
        let path: String
        let content: [UInt8]
    }

    private let scanner: ContentScanner
    private let parallelism: Int
    private let maxQueuedBytes: Int
    private let condition = NSCondition()
    private var pending: [Item] = []
    private var head = 0
    private var queuedBytes = 0
    private var closed = false
    /// The submitting thread waits for room: only then does a finished blob wake anyone (waking
    /// every thread per blob was ~5 % of a history scan's CPU in futex calls).
    private var submitterWaiting = false
    private var results: [Int: Outcome] = [:]
    private var workers: WorkerThreads?

    /// Creates a pipeline; `parallelism` 1 scans on the caller's thread.
    init(scanner: @escaping ContentScanner, parallelism: Int, maxQueuedBytes: Int = 64 << 20) {
        self.scanner = scanner
        self.parallelism = max(1, parallelism)
        self.maxQueuedBytes = maxQueuedBytes
        if self.parallelism > 1 {
            workers = WorkerThreads(count: self.parallelism) { [self] _ in work() }
        }
    }

    /// Queues one blob, labelled `path`, under `key`; waits while too many bytes are queued.
    func submit(key: Int, path: String, content: [UInt8]) {
        guard workers != nil else {
            let outcome = scanner(content, path)
            results[key] = outcome
            return
        }
        condition.lock()
        while queuedBytes > 0 && queuedBytes + content.count > maxQueuedBytes {
            submitterWaiting = true
            condition.wait()
        }
        submitterWaiting = false
        pending.append(Item(key: key, path: path, content: content))
        queuedBytes += content.count
        condition.signal()
        condition.unlock()
    }

    /// Waits for every queued blob and returns the outcomes by key.
    func finish() -> [Int: Outcome] {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        workers?.wait()
        workers = nil
        return results
    }

    /// One scanning thread: takes blobs until the pipeline is finished and drained.
    private func work() {
        while true {
            condition.lock()
            while head == pending.count && !closed { condition.wait() }
            guard head < pending.count else {
                condition.unlock()
                return
            }
            let item = pending[head]
            head += 1
            if head > 1024 && head * 2 > pending.count {
                pending.removeFirst(head)
                head = 0
            }
            condition.unlock()
            let outcome = scanner(item.content, item.path)
            condition.lock()
            results[item.key] = outcome
            queuedBytes -= item.content.count
            if submitterWaiting { condition.broadcast() }
            condition.unlock()
        }
    }
}
