import Foundation

/// The ECS/EKS container credentials endpoint: one GET with the `Authorization` token, JSON back.
struct ContainerEndpoint {
    let settings: ContainerSettings
    let options: CredentialLoadOptions

    func credentials() async throws -> AWSCredentials {
        var headers: [(name: String, value: String)] = []
        if let token = try authorization() { headers.append((name: "Authorization", value: token)) }
        let label = "the container credentials endpoint \(settings.url.absoluteString)"
        let request = HTTPRequest(method: "GET", url: settings.url, headers: headers, timeout: options.endpointTimeout)
        let response = try await Self.send(request, attempts: 2, transport: options.client.transport, label: label)
        guard response.status == 200 else {
            throw AWSError.noCredentials("\(label) answered HTTP \(response.status)")
        }
        return try Self.parse(response.body, label: label)
    }

    /// The token file (read now: EKS rotates it) wins over the token variable; no line breaks allowed.
    func authorization() throws -> String? {
        var token = settings.token
        if let file = settings.tokenFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AWSError.noCredentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let token, AWSCredentials.hasLineBreak(token) {
            throw AWSError.configuration("the container authorization token holds a line break")
        }
        return token
    }

    /// Sends a request, retrying network failures up to `attempts` times in all.
    static func send(_ request: HTTPRequest, attempts: Int, transport: any HTTPTransport, label: String) async throws
        -> HTTPResponse
    {
        var attempt = 1
        while true {
            do {
                return try await transport.send(request)
            } catch let error as AWSError {
                if attempt >= attempts { throw AWSError.noCredentials("\(label) did not answer: \(error)") }
                attempt += 1
            }
        }
    }

    /// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`, the shape of the container and IMDS answers.
    static func parse(_ body: Data, label: String) throws -> AWSCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let keyID = object["AccessKeyId"] as? String, !keyID.isEmpty,
            let secret = object["SecretAccessKey"] as? String, !secret.isEmpty
        else { throw AWSError.malformedResponse("\(label): no AccessKeyId/SecretAccessKey in its JSON") }
        if let code = object["Code"] as? String, code != "Success" {
            throw AWSError.noCredentials("\(label) answered Code \(code.prefix(60))")
        }
        let expiration = try AWSCredentials.expiration(
            in: object, invalid: AWSError.malformedResponse("\(label): Expiration is not an ISO 8601 time"))
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: object["Token"] as? String, expiration: expiration)
    }
}

extension AWSCredentials {
    /// The optional `Expiration` of a credentials JSON object (container, IMDS, `credential_process`);
    /// throws `invalid` when it is there but not an ISO 8601 time.
    static func expiration(in object: [String: Any], invalid: @autoclosure () -> AWSError) throws -> Date? {
        guard let text = object["Expiration"] as? String else { return nil }
        guard let date = AWSDate.parseISO8601(text) else { throw invalid() }
        return date
    }

    /// Whether a value sent as an HTTP header holds a line break. By Unicode scalars: `"\r\n"` is one
    /// `Character`, equal to neither `"\r"` nor `"\n"`, so a check by Character misses a CRLF.
    static func hasLineBreak(_ value: String) -> Bool {
        value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }
}
