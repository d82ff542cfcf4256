import Foundation

/// The default `HTTPTransport`: libcurl, opened with `dlopen` on the first request (never linked, so a
/// scan loads none of its libraries), one easy handle per request on a thread of its own.
///
/// Redirects are never followed (a signed AWS request must reach the host it was signed for), no
/// cookies are kept, no `~/.netrc` is read, only http and https are spoken. Certificates are checked
/// against libcurl's default CA store; the proxy variables libcurl honours (`https_proxy`,
/// `http_proxy`, `all_proxy`, `no_proxy`; not upper-case `HTTP_PROXY`) apply.
public final class CurlTransport: HTTPTransport, Sendable {
    /// The largest response body accepted by default (AWS answers are a few kilobytes).
    public static let defaultMaxBodyBytes = 16 << 20

    private let connectTimeout: TimeInterval
    private let maxBodyBytes: Int

    /// Creates a transport; connecting (DNS, TCP, TLS, proxy) may take `timeout` seconds, and each
    /// request's own `timeout` bounds its whole exchange (and its connect, when shorter).
    public convenience init(timeout: TimeInterval = 30) {
        self.init(timeout: timeout, maxBodyBytes: Self.defaultMaxBodyBytes)
    }

    /// Creates a transport that refuses response bodies over `maxBodyBytes` (a test seam).
    package init(timeout: TimeInterval, maxBodyBytes: Int) {
        self.connectTimeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sends the request; failures below HTTP become `AWSError.timeout` or `AWSError.transport`,
    /// whose messages name the host and never a header or the body.
    ///
    /// libcurl blocks, so each request runs on a thread of its own, not on Swift concurrency's pool.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let connectTimeout = connectTimeout
        let maxBodyBytes = maxBodyBytes
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let exchange = CurlExchange(
                    request: request, connectTimeout: connectTimeout, maxBodyBytes: maxBodyBytes)
                continuation.resume(with: exchange.run().mapError { $0 as any Error })
            }
            thread.name = "keyward-http"
            thread.start()
        }
    }
}

/// The transport's former name, from when it was built on Foundation's `URLSession`.
@available(*, deprecated, renamed: "CurlTransport")
public typealias URLSessionTransport = CurlTransport
