import Foundation
import KeywardAWS

/// An `HTTPTransport` for unit tests of parsing and retries: answers from a queue, records every request.
///
/// Integration tests use a real `MotoServer` instead; this never stands in for AWS behaviour.
public final class CannedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Result<HTTPResponse, AWSError>]
    private var sent: [HTTPRequest] = []

    /// Creates a transport that gives these answers in order, then fails with `AWSError.transport`.
    public init(_ answers: [Result<HTTPResponse, AWSError>]) {
        queue = answers
    }

    /// The requests sent so far.
    public var requests: [HTTPRequest] {
        lock.withLock { sent }
    }

    /// The bodies of the requests sent so far, as text.
    public var bodies: [String] { requests.map { String(decoding: $0.body, as: UTF8.self) } }

    /// Records the request and pops the next answer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let next: Result<HTTPResponse, AWSError>? = lock.withLock {
            sent.append(request)
            return queue.isEmpty ? nil : queue.removeFirst()
        }
        guard let next else { throw AWSError.transport("CannedTransport: no answer left") }
        return try next.get()
    }

    /// A response whose body is `fixtures/aws/<name>`.
    public static func fixture(_ name: String, status: Int = 200) throws -> Result<HTTPResponse, AWSError> {
        .success(HTTPResponse(status: status, body: try Fixtures.data("aws/\(name)")))
    }
}
