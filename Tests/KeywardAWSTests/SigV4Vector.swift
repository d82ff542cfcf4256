import Foundation
@testable import KeywardAWS
import TestSupport

/// One case of AWS's SigV4 suite, read from `fixtures/sigv4/v4/NAME/`.
struct SigV4Vector {
    var signer: SigV4Signer
    var date: Date
    var method: String
    var path: String
    var query: String
    var headers: [(name: String, value: String)]
    var body: Data
    var expectedCanonicalRequest: String
    var expectedStringToSign: String
    var expectedSignature: String
    var expectedAuthorization: String
    /// Lower-cased names → values of the headers the signed request adds (X-Amz-Date, tokens…).
    var expectedAddedHeaders: [(String, String)]

    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var region: String
        var service: String
        var timestamp: String
        var normalize: Bool?
        var sign_body: Bool?
        var omit_session_token: Bool?
    }

    enum VectorError: Error { case malformed(String) }

    init(name: String) throws {
        let folder = "sigv4/v4/\(name)/"
        let context = try JSONDecoder().decode(Context.self, from: Fixtures.data(folder + "context.json"))
        var signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token),
            region: context.region, service: context.service)
        signer.normalizePath = context.normalize ?? true
        signer.addContentSHA256Header = context.sign_body ?? false
        signer.signSessionToken = !(context.omit_session_token ?? false)
        self.signer = signer
        guard let date = AWSDate.parseISO8601(context.timestamp) else { throw VectorError.malformed("timestamp") }
        self.date = date

        let request = try Self.parseHTTP(Fixtures.data(folder + "request.txt"))
        method = request.method
        path = request.path
        query = request.query
        headers = request.headers
        body = request.body

        expectedCanonicalRequest = try Fixtures.text(folder + "header-canonical-request.txt")
        expectedStringToSign = try Fixtures.text(folder + "header-string-to-sign.txt")
        expectedSignature = try Fixtures.text(folder + "header-signature.txt")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let signed = try Self.parseHTTP(Fixtures.data(folder + "header-signed-request.txt"))
        guard let authorization = signed.headers.first(where: { $0.name.lowercased() == "authorization" }) else {
            throw VectorError.malformed("no Authorization in \(name)")
        }
        expectedAuthorization = authorization.value
        let original = Set(request.headers.map { $0.name.lowercased() })
        expectedAddedHeaders = signed.headers
            .filter { !original.contains($0.name.lowercased()) && $0.name.lowercased() != "authorization" }
            .map { ($0.name.lowercased(), $0.value) }
    }

    /// Splits a raw HTTP/1.1 request: request line, headers (folded lines kept), body.
    static func parseHTTP(_ data: Data) throws -> (
        method: String, path: String, query: String, headers: [(name: String, value: String)], body: Data
    ) {
        let text = String(decoding: data, as: UTF8.self)
        let headEnd = text.range(of: "\n\n")
        let head = headEnd.map { String(text[..<$0.lowerBound]) } ?? text
        let body = headEnd.map { Data(text[$0.upperBound...].utf8) } ?? Data()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw VectorError.malformed("empty request") }
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "),
            let lastSpace = requestLine.range(of: " HTTP/", options: .backwards)
        else { throw VectorError.malformed(requestLine) }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace.lowerBound])
        let path: String
        let query: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw VectorError.malformed(line) }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        return (method, path, query, headers, body)
    }
}
