import Foundation

/// Threads of their own for scanning, started together and joined together.
///
/// Not `DispatchQueue.global()` or `concurrentPerform`: their pool is only as wide as the machine
/// has cores, and the thread that starts a scan (the CLI's async task, which then walks the tree or
/// reads git's output) already occupies one of them. On two cores the second scanner then never
/// ran until the walk was over: `--threads 2` took as long as `--threads 1`.
public final class WorkerThreads: Sendable {
    private let group = DispatchGroup()

    /// Starts `count` threads, each running `body` with its index (0..<count).
    public init(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        for index in 0..<max(1, count) {
            group.enter()
            let thread = Thread { [group] in
                body(index)
                group.leave()
            }
            thread.name = "keyward-scan-\(index)"
            thread.start()
        }
    }

    /// Waits until every thread's body has returned.
    public func wait() {
        group.wait()
    }
}
