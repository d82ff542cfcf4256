import Dispatch
import Foundation
import KeywardScan
import Synchronization

/// Scans blob contents on `parallelism` threads of their own while the caller keeps reading the
/// next blobs from git.
///
/// Memory is bounded: the caller waits in ``submit(key:path:content:)`` while the blobs queued or
/// being scanned hold more than `maxQueuedBytes` (a single larger blob is still taken, alone).
/// Threads of their own, not `DispatchQueue.global()`: that pool is as wide as the machine has
/// cores and the reading thread already holds one, so on two cores only one blob was scanned at a time.
final class ScanPipeline: Sendable {
    /// What the content scanner returned for one submitted blob.
    typealias Outcome = (findings: [Finding], issues: [ScanIssue])

    private let shared: Shared
    private let workers: WorkerThreads?

    /// Creates a pipeline; `parallelism` 1 scans on the caller's thread.
    init(scanner: @escaping ContentScanner, parallelism: Int, maxQueuedBytes: Int = 8 << 20) {
        let parallelism = max(1, parallelism)
        let shared = Shared(scanner: scanner, maxQueuedBytes: maxQueuedBytes)
        self.shared = shared
        workers = parallelism > 1 ? WorkerThreads(count: parallelism) { _ in shared.work() } : nil
    }

    /// Queues one blob, labelled `path`, under `key`; waits while too many bytes are queued.
    func submit(key: Int, path: String, content: [UInt8]) {
        guard workers != nil else {
            let outcome = shared.scanner(content, path)
            shared.state.withLock { $0.results[key] = outcome }
            return
        }
        shared.submit(Item(key: key, path: path, content: content))
    }

    /// Waits for every queued blob and returns the outcomes by key.
    func finish() -> [Int: Outcome] {
        if let workers {
            shared.flush()
            shared.close()
            workers.wait()
        }
        return shared.state.withLock { $0.results }
    }
}

extension ScanPipeline {
    fileprivate struct Item: Sendable {
        let key: Int
        let path: String
        let content: [UInt8]
    }

    fileprivate struct State {
        var queuedBytes = 0
        /// Blobs submitted but not yet handed to the scanning threads: they go in batches, since
        /// waking a thread per blob was ~10 % of a history scan's CPU (futex calls, task switches).
        var batch: [Item] = []
        var batchBytes = 0
        /// The submitting thread waits for room: only then does a finished blob signal `room`
        /// (waking every thread per blob was ~5 % of a history scan's CPU in futex calls).
        var submitterWaiting = false
        var results: [Int: Outcome] = [:]
    }

    /// What the scanning threads and the submitting thread share: the blobs in a ``WorkQueue``, and
    /// the bytes they hold under a `Mutex`. `Mutex` cannot wait, so `room` carries the submitter's
    /// wake-up (signalled once per wait, after the flag is seen under the lock).
    fileprivate final class Shared: Sendable {
        let scanner: ContentScanner
        let maxQueuedBytes: Int
        let state = Mutex(State())
        private let queue = WorkQueue<[Item]>()
        private let room = DispatchSemaphore(value: 0)
        /// A batch goes to the threads at this many blobs or bytes (or when the submitter must wait).
        static let batchCount = 32
        static let batchBytes = 1 << 20

        init(scanner: @escaping ContentScanner, maxQueuedBytes: Int) {
            self.scanner = scanner
            self.maxQueuedBytes = maxQueuedBytes
        }

        func submit(_ item: Item) {
            while true {
                // The batch leaves before the submitter waits: the bytes it waits on may be in it.
                let (queued, full): (Bool, [Item]) = state.withLock { state in
                    if state.queuedBytes > 0 && state.queuedBytes + item.content.count > maxQueuedBytes {
                        state.submitterWaiting = true
                        return (false, Self.take(&state))
                    }
                    state.queuedBytes += item.content.count
                    state.batch.append(item)
                    state.batchBytes += item.content.count
                    let ready = state.batch.count >= Self.batchCount || state.batchBytes >= Self.batchBytes
                    return (true, ready ? Self.take(&state) : [])
                }
                if !full.isEmpty { queue.push(full) }
                if queued { break }
                room.wait()
            }
        }

        private static func take(_ state: inout State) -> [Item] {
            defer {
                state.batch = []
                state.batchBytes = 0
            }
            return state.batch
        }

        /// Hands the blobs still batched to the threads.
        func flush() {
            let rest = state.withLock { Self.take(&$0) }
            if !rest.isEmpty { queue.push(rest) }
        }

        func close() {
            queue.close()
        }

        /// One scanning thread: takes batches until the pipeline is closed and drained.
        func work() {
            while let items = queue.pop() {
                let outcomes = items.map { scanner($0.content, $0.path) }
                let wake: Bool = state.withLock { state in
                    for (item, outcome) in zip(items, outcomes) {
                        state.results[item.key] = outcome
                        state.queuedBytes -= item.content.count
                    }
                    defer { state.submitterWaiting = false }
                    return state.submitterWaiting
                }
                if wake { room.signal() }
            }
        }
    }
}
