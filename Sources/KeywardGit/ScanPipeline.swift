import Dispatch
import Foundation
import KeywardScan
import Synchronization

/// Scans blob contents on `parallelism` threads while the caller keeps reading the next blobs.
///
/// Contents are gathered into batches (bounded in bytes and count); one batch is scanned while the
/// next fills, so at most two batches are in memory at once.
final class ScanPipeline {
    /// What the content scanner returned for one submitted blob.
    typealias Outcome = (findings: [Finding], issues: [ScanIssue])

    private struct Item: Sendable {
        let key: Int
        let path: String
        let content: [UInt8]
    }

    private let scanner: ContentScanner
    private let parallelism: Int
    private let maxBatchBytes: Int
    private let maxBatchCount: Int
    private var batch: [Item] = []
    private var batchBytes = 0
    private let results = Results()
    private let inFlight = DispatchSemaphore(value: 1)
    private let group = DispatchGroup()

    /// Creates a pipeline; `parallelism` 1 scans on the caller's thread.
    init(scanner: @escaping ContentScanner, parallelism: Int, maxBatchBytes: Int = 32 << 20, maxBatchCount: Int = 1024)
    {
        self.scanner = scanner
        self.parallelism = max(1, parallelism)
        self.maxBatchBytes = maxBatchBytes
        self.maxBatchCount = maxBatchCount
    }

    /// Queues one blob, labelled `path`, under `key`.
    func submit(key: Int, path: String, content: [UInt8]) {
        if parallelism == 1 {
            let outcome = scanner(content, path)
            results.byKey.withLock { $0[key] = outcome }
            return
        }
        batch.append(Item(key: key, path: path, content: content))
        batchBytes += content.count
        if batchBytes >= maxBatchBytes || batch.count >= maxBatchCount { flush() }
    }

    /// Waits for every queued blob and returns the outcomes by key.
    func finish() -> [Int: Outcome] {
        flush()
        group.wait()
        return results.byKey.withLock { $0 }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        batchBytes = 0
        inFlight.wait()
        group.enter()
        DispatchQueue.global().async { [scanner, parallelism, results, inFlight, group] in
            Self.scan(items, scanner: scanner, parallelism: parallelism, into: results)
            inFlight.signal()
            group.leave()
        }
    }

    private static func scan(_ items: [Item], scanner: ContentScanner, parallelism: Int, into results: Results) {
        let next = Atomic<Int>(0)
        let workers = min(parallelism, items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let outcome = scanner(items[index].content, items[index].path)
                results.byKey.withLock { $0[items[index].key] = outcome }
            }
        }
    }

    /// The outcomes by key, filled by the scanning threads.
    private final class Results: Sendable {
        let byKey = Mutex<[Int: Outcome]>([:])
    }
}
