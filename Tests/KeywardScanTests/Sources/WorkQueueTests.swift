import Foundation
import Testing

@testable import KeywardScan

/// The queue hands each item out once, in order, and keeps no reference to what it handed out
/// (the history scan queues batches of blob contents: a kept one is memory never freed).
@Suite struct WorkQueueTests {
    final class Payload: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test func itemsComeOutOnceInOrderThenNilWhenClosed() {
        let queue = WorkQueue<Int>()
        for value in 0..<10 { queue.push(value) }
        queue.close()
        var popped: [Int] = []
        while let value = queue.pop() { popped.append(value) }
        #expect(popped == Array(0..<10))
        #expect(queue.pop() == nil)
    }

    @Test func aPoppedItemIsFreedWhileTheQueueLivesOn() {
        let queue = WorkQueue<Payload>()
        weak var released: Payload?
        do {
            let payload = Payload(1)
            released = payload
            queue.push(payload)
            queue.push(Payload(2))
            #expect(queue.pop()?.value == 1)
        }
        #expect(released == nil)
        #expect(queue.pop()?.value == 2)
    }
}
