import Foundation
import Synchronization

/// A one-line progress display on standard error, rewritten in place (only used on a TTY).
final class ProgressLine: Sendable {
    private let state = Mutex((last: Date.distantPast, shown: false))

    func update(files: Int, bytes: Int) {
        state.withLock { state in
            let now = Date()
            guard now.timeIntervalSince(state.last) > 0.2 else { return }
            state.last = now
            state.shown = true
            Terminal.error(String(format: "\rkeyward: %d files, %.1f MB scanned", files, Double(bytes) / 1_000_000))
        }
    }

    func finish() {
        state.withLock { state in
            if state.shown { Terminal.error("\r\u{1B}[K") }
        }
    }
}
