import Foundation

/// How the AWS clients send requests: transport, timeout, retries and clock.
public struct AWSClientOptions: Sendable {
    /// The HTTP transport; `CurlTransport` by default.
    public var transport: any HTTPTransport
    /// Retry policy for throttling (and, for read-only calls, server and network errors).
    public var retry: RetryPolicy
    /// Seconds each request may take.
    public var timeout: TimeInterval
    /// The clock that dates each signature (a test seam).
    package var now: @Sendable () -> Date = { Date() }

    /// Creates options; the defaults suit real use.
    public init(
        transport: any HTTPTransport = CurlTransport(), retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 30
    ) {
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
    }
}

/// Bounded exponential backoff with full jitter: attempt n waits random(0…min(maxDelay, baseDelay·2ⁿ)).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The backoff before the first retry, before jitter.
    public var baseDelay: Duration
    /// The cap on any one backoff.
    public var maxDelay: Duration
    /// Waits between attempts (a test seam; `Task.sleep` by default).
    package var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A number in 0..<1 for jitter (a test seam).
    package var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    /// Creates a policy; by default 5 attempts, 200 ms base, 5 s cap.
    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The backoff before retry number `retry` (0 for the first retry).
    package func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(retry, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * min(max(random(), 0), 1)
    }
}
