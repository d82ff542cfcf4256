internal import CCurlLoader
import Foundation

/// One request on one libcurl easy handle, on the calling thread: the options from an `HTTPRequest`,
/// the response gathered by libcurl's header and body callbacks. The only file that calls libcurl.
///
/// Not `Sendable`: made, run and dropped by the one thread `CurlTransport` starts for the request.
final class CurlExchange {
    private let request: HTTPRequest
    private let host: String
    private let connectTimeout: TimeInterval
    private let maxBodyBytes: Int
    private var headers = ResponseHeaderLines()
    private var body = Data()
    private var bodyTooLarge = false
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init(request: HTTPRequest, connectTimeout: TimeInterval, maxBodyBytes: Int) {
        self.request = request
        self.host = request.url.host ?? "?"
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit { errorBuffer.deallocate() }

    /// Sends the request and waits for the whole answer; every failure is an `AWSError`, none a crash.
    func run() -> Result<HTTPResponse, AWSError> {
        guard ccurl_load() == 1 else {
            let reason = String(cString: ccurl_load_error())
            return .failure(
                .transport(
                    "\(host): \(CCURL_LIBRARY_NAME) could not be loaded (\(reason)); AWS calls need libcurl: "
                        + "apt-get install libcurl4"))
        }
        guard let lines = headerLines() else {
            return .failure(.transport("\(host): a request header is not one line of visible text; nothing sent"))
        }
        guard !request.method.isEmpty,
            request.method.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return .failure(.transport("\(host): \(request.method.debugDescription) is not an HTTP method")) }
        guard let handle = ccurl_easy_init() else { return .failure(.transport("\(host): curl_easy_init failed")) }
        defer { ccurl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        defer { ccurl_slist_free_all(list) }
        for line in lines {
            guard let longer = ccurl_slist_append(list, line) else {
                return .failure(.transport("\(host): out of memory"))
            }
            list = longer
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes = [
            ccurl_setopt_string(handle, CURLOPT_URL, request.url.absoluteString),
            ccurl_restrict_to_http(handle),
            ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            ccurl_setopt_long(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1),
            ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)),
            ccurl_setopt_long(
                handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(connectTimeout, request.timeout))),
            ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list),
            ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
            ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
                return exchange.headers.add(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
            },
            ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
                return exchange.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
            },
        ]
        let empty: [UInt8] = [0]
        return request.body.withUnsafeBytes { bytes in
            empty.withUnsafeBytes { nothing in
                codes += setMethod(handle, body: bytes.baseAddress ?? nothing.baseAddress, count: bytes.count)
                if let refused = codes.first(where: { $0 != CURLE_OK }) {
                    return .failure(
                        .transport(
                            "\(host): libcurl refused an option: \(String(cString: ccurl_easy_strerror(refused)))"))
                }
                return finish(handle, ccurl_easy_perform(handle))
            }
        }
    }

    /// GET and HEAD without a body as such; any request with a body (POST, PUT — the IMDSv2 token is an
    /// empty PUT) sends exactly `count` bytes with a Content-Length; other methods by name.
    private func setMethod(_ handle: UnsafeMutableRawPointer, body: UnsafeRawPointer?, count: Int) -> [CURLcode] {
        let method = request.method
        if count == 0, !["POST", "PUT", "PATCH"].contains(method) {
            if method == "HEAD" { return [ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)] }
            let get = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            return method == "GET" ? [get] : [get, ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)]
        }
        var codes = [
            ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(count)),
            ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body)),
        ]
        if method != "POST" { codes.append(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)) }
        return codes
    }

    /// The outcome of `curl_easy_perform`: the response, or the error naming the host (never a header or body).
    private func finish(_ handle: UnsafeMutableRawPointer, _ code: CURLcode) -> Result<HTTPResponse, AWSError> {
        if bodyTooLarge { return .failure(.transport("\(host): response body over \(maxBodyBytes) bytes; refused")) }
        if headers.tooLarge {
            return .failure(.transport("\(host): response headers over \(ResponseHeaderLines.maxBytes) bytes; refused"))
        }
        if code == CURLE_OPERATION_TIMEDOUT { return .failure(.timeout(host: host)) }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer).filter {
                !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
            }
            let reason = String(cString: ccurl_easy_strerror(code))
            return .failure(.transport(detail.isEmpty ? "\(host): \(reason)" : "\(host): \(reason) (\(detail))"))
        }
        var status = 0
        guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status >= 100 else {
            return .failure(.transport("\(host): no HTTP status in the answer"))
        }
        return .success(HTTPResponse(status: status, headers: headers.fields, body: body))
    }

    /// The request's header lines in order, `Expect:` (no 100-continue) and, when the request names no
    /// Content-Type, `Content-Type:` (none of libcurl's form default) added; nil for a header that
    /// would not be one line.
    private func headerLines() -> [String]? {
        var lines: [String] = []
        for (name, value) in request.headers {
            let badName =
                name.isEmpty || name.unicodeScalars.contains { $0.value <= 0x20 || $0.value >= 0x7f || $0 == ":" }
            guard !badName, !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                return nil
            }
            // `Name:` would tell libcurl to drop the header; `Name;` sends it empty.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if request.header("Expect") == nil { lines.append("Expect:") }
        if request.header("Content-Type") == nil { lines.append("Content-Type:") }
        return lines
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= maxBodyBytes - body.count else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Seconds as libcurl's milliseconds: at least 1 (0 would mean no limit), at most a day.
    static func milliseconds(_ seconds: TimeInterval) -> Int {
        guard !seconds.isNaN else { return 1 }
        return Int(min(max(seconds, 0.001), 86_400) * 1000)
    }
}
