import Foundation

/// IMDSv2: a session token (PUT), the role name, then the role's credentials, each with a short timeout.
///
/// keyward never falls back to IMDSv1. Reached only as the chain's last step (`explicit` false), an
/// endpoint that does not answer at all means "not on EC2" and gives no credentials; any other failure,
/// or any failure when asked for, is an error.
struct InstanceMetadata {
    let settings: InstanceMetadataSettings
    let options: CredentialLoadOptions
    static let tokenTTL = "21600"
    static let rolesPath = "/latest/meta-data/iam/security-credentials/"

    func credentials() async throws -> AWSCredentials? {
        let label = "EC2 instance metadata at \(settings.endpoint.absoluteString)"
        let tokenRequest = HTTPRequest(
            method: "PUT", url: url("/latest/api/token"),
            headers: [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: Self.tokenTTL)],
            timeout: options.metadataTimeout)
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await options.client.transport.send(tokenRequest)
        } catch let error as AWSError {
            if !settings.explicit { return nil }
            throw AWSError.noCredentials("\(label) did not answer: \(error)")
        }
        guard tokenResponse.status == 200 else {
            throw AWSError.noCredentials(
                "\(label) refused an IMDSv2 session token (HTTP \(tokenResponse.status)); keyward does not use IMDSv1")
        }
        let token = String(decoding: tokenResponse.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !AWSCredentials.hasLineBreak(token) else {
            throw AWSError.malformedResponse("\(label): the IMDSv2 session token is empty or not one line")
        }
        let roles = try await get(Self.rolesPath, token: token, label: label)
        if roles.status == 404 {
            if !settings.explicit { return nil }
            throw AWSError.noCredentials("\(label): this instance has no IAM role (instance profile)")
        }
        guard roles.status == 200 else {
            throw AWSError.noCredentials("\(label) answered HTTP \(roles.status) for the role name")
        }
        let roleName = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !roleName.isEmpty, !roleName.contains("/"), roleName.count <= 128 else {
            throw AWSError.malformedResponse("\(label): no readable role name")
        }
        let role = try await get(Self.rolesPath + roleName, token: token, label: label)
        guard role.status == 200 else {
            throw AWSError.noCredentials("\(label) answered HTTP \(role.status) for the credentials of role \(roleName)")
        }
        return try ContainerEndpoint.parse(role.body, label: label)
    }

    func get(_ path: String, token: String, label: String) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: "GET", url: url(path), headers: [(name: "X-aws-ec2-metadata-token", value: token)],
            timeout: options.metadataTimeout)
        do {
            return try await options.client.transport.send(request)
        } catch let error as AWSError {
            throw AWSError.noCredentials("\(label) did not answer: \(error)")
        }
    }

    /// The endpoint (any trailing slash dropped) + `path`.
    func url(_ path: String) -> URL {
        var base = settings.endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + path) ?? settings.endpoint
    }
}
