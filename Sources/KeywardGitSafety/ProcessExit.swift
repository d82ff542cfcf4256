import Dispatch
import Foundation

/// Waits for a started `Process` to end. Foundation's `waitUntilExit()` on Linux spins the calling
/// thread's run loop in 50 ms steps, and nothing wakes that run loop when the child ends on a
/// thread with no run loop of its own (keyward's scanners and its async main): each git command
/// then cost up to 50 ms of idle waiting. The termination handler fires as soon as Foundation
/// reaps the child, after it has set `terminationStatus` and `terminationReason`.
///
/// Create it before `run()` (it installs the process's termination handler); then call ``wait()``.
public struct ProcessExit: Sendable {
    private let exited = DispatchSemaphore(value: 0)

    /// Installs the termination handler on `process`, which must not have been started yet.
    public init(of process: Process) {
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
    }

    /// Blocks until the process has ended (at once if it already has).
    public func wait() {
        exited.wait()
    }
}
