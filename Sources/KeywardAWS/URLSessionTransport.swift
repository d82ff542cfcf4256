import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The default `HTTPTransport`: Foundation's `URLSession` with per-request timeouts and no caching.
public final class URLSessionTransport: HTTPTransport, Sendable {
    private let session: URLSession

    /// Creates a transport whose requests time out after `timeout` seconds unless a request says otherwise.
    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends the request; URL-level failures become `AWSError.timeout` or `AWSError.transport`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let host = request.url.host ?? "?"
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(throwing: Self.map(error, host: host))
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(throwing: AWSError.transport("no HTTP response from \(host)"))
                    return
                }
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    headers[String(describing: key)] = String(describing: value)
                }
                continuation.resume(
                    returning: HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            }
            task.resume()
        }
    }

    static func map(_ error: Error, host: String) -> AWSError {
        if let urlError = error as? URLError {
            if urlError.code == .timedOut { return .timeout(host: host) }
            return .transport("\(host): URL error \(urlError.code.rawValue)")
        }
        return .transport("\(host): \(error.localizedDescription)")
    }
}
