import Foundation
import KeywardAWS
import Synchronization

/// An `HTTPTransport` for unit tests of parsing and retries: answers from a queue, records every request.
///
/// Integration tests use a real `MotoServer` instead; this never stands in for AWS behaviour.
public final class CannedTransport: HTTPTransport, Sendable {
    private let state: Mutex<(queue: [Result<HTTPResponse, AWSError>], sent: [HTTPRequest])>

    /// Creates a transport that gives these answers in order, then fails with `AWSError.transport`.
    public init(_ answers: [Result<HTTPResponse, AWSError>]) {
        state = Mutex((queue: answers, sent: []))
    }

    /// The requests sent so far.
    public var requests: [HTTPRequest] {
        state.withLock { $0.sent }
    }

    /// The bodies of the requests sent so far, as text.
    public var bodies: [String] { requests.map { String(decoding: $0.body, as: UTF8.self) } }

    /// Records the request and pops the next answer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let next: Result<HTTPResponse, AWSError>? = state.withLock { state in
            state.sent.append(request)
            return state.queue.isEmpty ? nil : state.queue.removeFirst()
        }
        guard let next else { throw AWSError.transport("CannedTransport: no answer left") }
        return try next.get()
    }

    /// A response whose body is `fixtures/aws/<name>`.
    public static func fixture(_ name: String, status: Int = 200) throws -> Result<HTTPResponse, AWSError> {
        .success(HTTPResponse(status: status, body: try Fixtures.data("aws/\(name)")))
    }
}
