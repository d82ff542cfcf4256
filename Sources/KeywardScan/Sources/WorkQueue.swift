import Dispatch
import Synchronization

/// A blocking multi-producer, multi-consumer queue that consumers drain until it is closed.
///
/// The semaphore counts the wake-ups owed: one per pushed item, plus one once closed, which each
/// consumer that finds the queue closed and empty passes on to the next.
package final class WorkQueue<Element: Sendable>: Sendable {
    private struct State {
        /// Popped slots are emptied at once: a popped item is its consumer's alone (a queue of
        /// blob batches that kept popped ones until compaction held ~80 MB of scanned blobs).
        var items: [Element?] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    package init() {}

    package func push(_ item: Element) {
        state.withLock { $0.items.append(item) }
        available.signal()
    }

    package func close() {
        state.withLock { $0.closed = true }
        available.signal()
    }

    /// The next item, waiting for one; nil once the queue is closed and empty.
    package func pop() -> Element? {
        available.wait()
        let item: Element? = state.withLock { state in
            guard state.head < state.items.count else { return nil }
            let item = state.items[state.head].take()
            state.head += 1
            if state.head > 4096 && state.head * 2 > state.items.count {
                state.items.removeFirst(state.head)
                state.head = 0
            }
            return item
        }
        // Closed and empty: wake the next waiting consumer, which finds the same.
        if item == nil { available.signal() }
        return item
    }
}
