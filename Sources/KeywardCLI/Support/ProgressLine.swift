import Foundation

/// A one-line progress display on standard error, rewritten in place (only used on a TTY).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false

    func update(files: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.2 else { return }
        last = now
        shown = true
        Terminal.error(String(format: "\rkeyward: %d files, %.1f MB scanned", files, Double(bytes) / 1_000_000))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { Terminal.error("\r\u{1B}[K") }
    }
}
