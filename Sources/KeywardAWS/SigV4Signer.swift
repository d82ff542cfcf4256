import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (header signing); the caller supplies the date.
public struct SigV4Signer: Sendable {
    /// The key pair (and session token) that signs.
    public let credentials: AWSCredentials
    /// The signing region, e.g. `us-east-1`.
    public let region: String
    /// The signing service name, e.g. `iam`, `sts`, `secretsmanager`.
    public let service: String
    /// Normalize the path (drop `.`/`..` and empty segments) before encoding; true for every service but S3.
    package var normalizePath = true
    /// Include the session token in the signed headers (false adds it after signing, as a few services want).
    package var signSessionToken = true
    /// Add and sign an `x-amz-content-sha256` header holding the payload hash.
    package var addContentSHA256Header = false

    /// Creates a signer for one credential set, region and service.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Returns the request with `Host` (if missing), `X-Amz-Date`, `X-Amz-Security-Token` and `Authorization` added.
    public func sign(_ request: HTTPRequest, date: Date) -> HTTPRequest {
        var signed = request
        if request.header("host") == nil, let host = Self.hostHeader(for: request.url) {
            signed.headers.insert((name: "Host", value: host), at: 0)
        }
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? "/"
        let query = components?.percentEncodedQuery ?? ""
        let result = signature(
            method: request.method, path: path, query: query, headers: signed.headers, body: request.body,
            date: date)
        signed.headers = result.headers
        return signed
    }

    /// `host` or `host:port` when the port is not the scheme's default.
    static func hostHeader(for url: URL) -> String? {
        guard let host = url.host else { return nil }
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    /// Every intermediate product of one signature, for tests against AWS's published vectors.
    package struct Result {
        /// The canonical request.
        package var canonicalRequest: String
        /// The string to sign.
        package var stringToSign: String
        /// The hex signature.
        package var signature: String
        /// The `Authorization` header value.
        package var authorization: String
        /// The request headers with the signing headers appended.
        package var headers: [(name: String, value: String)]
    }

    /// Signs raw request parts: `path` and `query` exactly as on the wire (percent-encoded or not).
    package func signature(
        method: String, path: String, query: String, headers: [(name: String, value: String)], body: Data,
        date: Date
    ) -> Result {
        let amzDate = AWSDate.amzDate(date)
        let scopeDate = AWSDate.shortDate(date)
        let payloadHash = Self.hex(SHA256.hash(data: body))
        var all = headers
        if let token = credentials.sessionToken, signSessionToken {
            all.append((name: "X-Amz-Security-Token", value: token))
        }
        all.append((name: "X-Amz-Date", value: amzDate))
        if addContentSHA256Header { all.append((name: "x-amz-content-sha256", value: payloadHash)) }
        let (canonicalHeaders, signedHeaders) = SigV4Canonical.canonicalHeaders(all)
        let canonicalRequest = [
            method.uppercased(),
            SigV4Canonical.canonicalURI(path: path, normalize: normalizePath),
            SigV4Canonical.canonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(scopeDate)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope,
            Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = signingKey(scopeDate: scopeDate)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        if let token = credentials.sessionToken, !signSessionToken {
            all.append((name: "X-Amz-Security-Token", value: token))
        }
        all.append((name: "Authorization", value: authorization))
        return Result(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headers: all)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    func signingKey(scopeDate: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [scopeDate, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Lower-case hex of any byte sequence.
    package static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
