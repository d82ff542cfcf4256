import Foundation

/// One HTTP request as keyward sends it: method, absolute URL, ordered headers and a body.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The absolute URL, scheme and host included.
    public var url: URL
    /// Header fields in order; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty for none).
    public var body: Data
    /// Seconds to wait for the whole exchange.
    public var timeout: TimeInterval

    /// Creates a request.
    public init(
        method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data = Data(),
        timeout: TimeInterval = 30
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One HTTP response: status, headers and body.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields, names as received.
    public var headers: [String: String]
    /// The body bytes.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one HTTP request and returns its response; the seam between the AWS clients and the network.
///
/// Implementations throw `AWSError.timeout` or `AWSError.transport` for failures below HTTP;
/// any HTTP status, error statuses included, is a response.
public protocol HTTPTransport: Sendable {
    /// Sends the request and waits for the whole response.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
