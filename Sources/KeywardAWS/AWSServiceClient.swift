import Foundation

/// The shared core of the service clients: builds, signs, sends and retries requests, and turns error
/// responses into `AWSError`.
package struct AWSServiceClient: Sendable {
    /// The signing credentials.
    package let credentials: AWSCredentials
    /// Where requests go.
    package let endpoint: AWSEndpoint
    /// Transport, retries, clock.
    package let options: AWSClientOptions
    /// Sign each request (false only for the anonymous STS calls, e.g. AssumeRoleWithWebIdentity).
    package var signsRequests = true

    /// A core that signs with `credentials` for `endpoint`.
    package init(credentials: AWSCredentials, endpoint: AWSEndpoint, options: AWSClientOptions) {
        self.credentials = credentials
        self.endpoint = endpoint
        self.options = options
    }

    /// Calls a Query API action (form POST) and returns the root element of the XML answer.
    package func query(_ parameters: QueryParameters, idempotent: Bool) async throws -> XMLNode {
        try await queryWithDate(parameters, idempotent: idempotent).root
    }

    /// Calls a Query API action and returns the XML answer's root and the server's `Date` header (the
    /// service's clock, to compare with dates the service records).
    package func queryWithDate(
        _ parameters: QueryParameters, idempotent: Bool
    ) async throws -> (root: XMLNode, serverDate: Date?) {
        let action = parameters.value("Action") ?? "?"
        let body = Data(parameters.formEncoded.utf8)
        let headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")]
        let response = try await send(body: body, headers: headers, idempotent: idempotent) {
            Self.queryError($0)
        }
        let date = response.headers.first { $0.key.lowercased() == "date" }.flatMap { AWSDate.parseHTTPDate($0.value) }
        do {
            return (try XMLNode.parse(response.body), date)
        } catch {
            throw AWSError.malformedResponse("\(endpoint.service.rawValue) \(action): body is not XML")
        }
    }

    /// Calls a JSON 1.1 API operation (`X-Amz-Target: target`) and returns the raw JSON answer.
    package func json(target: String, body: Data, idempotent: Bool) async throws -> Data {
        let headers = [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "X-Amz-Target", value: target),
        ]
        let response = try await send(body: body, headers: headers, idempotent: idempotent) {
            Self.jsonError($0)
        }
        return response.body
    }

    /// Signs and sends one POST to the endpoint, retrying throttling (and, when `idempotent`, 5xx and
    /// network failures) with the options' backoff; a final failure is thrown.
    func send(
        body: Data, headers: [(name: String, value: String)], idempotent: Bool,
        error parse: (HTTPResponse) -> AWSError
    ) async throws -> HTTPResponse {
        let signer = SigV4Signer(
            credentials: credentials, region: endpoint.signingRegion, service: endpoint.service.signingName)
        let policy = options.retry
        var attempt = 0
        while true {
            let request = HTTPRequest(
                method: "POST", url: endpoint.url, headers: headers, body: body, timeout: options.timeout)
            let failure: AWSError
            do {
                let outgoing = signsRequests ? signer.sign(request, date: options.now()) : request
                let response = try await options.transport.send(outgoing)
                if (200..<300).contains(response.status) { return response }
                failure = parse(response)
            } catch let error as AWSError {
                failure = error
            }
            guard failure.isRetryable(idempotent: idempotent) else { throw failure }
            attempt += 1
            if attempt >= policy.maxAttempts { throw failure }
            try await policy.sleep(policy.delay(beforeRetry: attempt - 1))
        }
    }

    /// Reads `ErrorResponse/Error`, `ErrorResponse/Errors/Error` or `Response/Errors/Error`.
    package static func queryError(_ response: HTTPResponse) -> AWSError {
        if let root = try? XMLNode.parse(response.body), let error = root.first("Error"),
            let code = error.string("Code"), !code.isEmpty
        {
            let message = error.string("Message") ?? error.string("message") ?? ""
            return AWSError.from(code: code, message: message, status: response.status)
        }
        return statusError(response.status)
    }

    /// Reads a JSON error body: `{"__type": "…#Code", "message": "…"}`.
    package static func jsonError(_ response: HTTPResponse) -> AWSError {
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let type = (object["__type"] as? String) ?? (object["code"] as? String)
        {
            let code = type.split(separator: "#").last.map(String.init) ?? type
            let message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            return AWSError.from(code: code, message: message, status: response.status)
        }
        if let type = response.headers.first(where: { $0.key.lowercased() == "x-amzn-errortype" })?.value {
            let code = type.split(separator: ":").first.map(String.init) ?? type
            return AWSError.from(code: code, message: "", status: response.status)
        }
        return statusError(response.status)
    }

    static func statusError(_ status: Int) -> AWSError {
        if status == 429 { return .throttling("HTTP 429 without an error body") }
        return .other(code: "HTTP\(status)", message: "error response without an AWS error body", status: status)
    }
}

extension AWSError {
    /// Throttling always; server (5xx) and network failures only for calls that change nothing.
    func isRetryable(idempotent: Bool) -> Bool {
        switch self {
        case .throttling: return true
        case .transport, .timeout: return idempotent
        case .other(_, _, let status): return idempotent && status >= 500
        default: return false
        }
    }
}
