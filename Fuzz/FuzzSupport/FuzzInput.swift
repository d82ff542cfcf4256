@_exported import CFuzzDriver
import Foundation

/// Reads a libFuzzer input as a few control bytes followed by a payload.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// Wraps the bytes libFuzzer passes to `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// Everything after the control bytes read so far.
    public var rest: [UInt8] { Array(bytes[min(position, bytes.count)...]) }

    /// For answers to HTTP calls: a selector byte, the HTTP status it picks (200, 400 or 500, by
    /// `selector % 3`) and the rest as the body; `selector / 3` is left for picking the call.
    public mutating func answer() -> (call: Int, status: Int, body: Data) {
        let selector = Int(byte())
        return (selector / 3, [200, 400, 500][selector % 3], Data(rest))
    }

    /// The whole input.
    public var all: [UInt8] { bytes }
}

/// Stops the fuzzer with a message when an invariant breaks (libFuzzer records the input).
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data(("fuzz invariant broken: " + message() + "\n").utf8))
        abort()
    }
}

/// Runs an async body to completion on a detached task (the AWS clients are async).
public func fuzzBlocking(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await body()
        done.signal()
    }
    done.wait()
}
