import KeywardScan
import Testing

@testable import KeywardGit

/// The history scan's pipeline hands blobs to its threads in batches: every blob must still come
/// back under its own key, and a small memory bound must never leave the submitter waiting forever.
@Suite("scan pipeline")
struct ScanPipelineTests {
    /// A scanner that reports, as one finding, the path and first byte it was given.
    static let echo: ContentScanner = { content, path in
        let finding = Finding(
            ruleID: "echo", description: "", severity: .low, path: path, line: Int(content.first ?? 0),
            column: content.count, endLine: 0, endColumn: 0, secret: "")
        return ([finding], [])
    }

    static func run(blobs: Int, size: (Int) -> Int, parallelism: Int, maxQueuedBytes: Int) -> [Int: ScanPipeline.Outcome] {
        let pipeline = ScanPipeline(scanner: echo, parallelism: parallelism, maxQueuedBytes: maxQueuedBytes)
        for key in 0..<blobs {
            pipeline.submit(key: key, path: "p\(key)", content: [UInt8](repeating: UInt8(key % 251), count: size(key)))
        }
        return pipeline.finish()
    }

    @Test("every blob comes back under its key, batched or not", arguments: [1, 2, 4])
    func everyBlobOnce(parallelism: Int) {
        // 1,000 blobs: batches of 32 and a last, partial batch that only `finish` hands over.
        let outcomes = Self.run(blobs: 1_000, size: { 1 + $0 % 300 }, parallelism: parallelism, maxQueuedBytes: 64 << 20)
        #expect(outcomes.count == 1_000)
        for key in [0, 1, 31, 32, 33, 998, 999] {
            let finding = outcomes[key]?.findings.first
            #expect(finding?.path == "p\(key)")
            #expect(finding?.line == key % 251)
            #expect(finding?.column == 1 + key % 300)
        }
    }

    @Test("a memory bound smaller than one batch still drains (the batch leaves before the submitter waits)")
    func smallBoundNoDeadlock() {
        // Each blob is 10 KB and the bound is 25 KB: the submitter waits every few blobs, with a
        // partial batch in hand; the threads can only free room once that batch reaches them.
        let outcomes = Self.run(blobs: 200, size: { _ in 10_000 }, parallelism: 2, maxQueuedBytes: 25_000)
        #expect(outcomes.count == 200)
        #expect(outcomes[199]?.findings.first?.path == "p199")
    }

    @Test("a blob larger than the bound is still taken, alone")
    func oversizedBlob() {
        let outcomes = Self.run(
            blobs: 3, size: { $0 == 1 ? 3 << 20 : 10 }, parallelism: 2, maxQueuedBytes: 1 << 20)
        #expect(outcomes.count == 3)
        #expect(outcomes[1]?.findings.first?.column == 3 << 20)
    }
}
