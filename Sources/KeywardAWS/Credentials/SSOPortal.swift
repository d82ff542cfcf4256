import Foundation

/// IAM Identity Center: the token `aws sso login` cached, traded at the portal for role credentials.
///
/// keyward reads the cache and never refreshes or writes it: a missing or expired token is an error
/// that says to run `aws sso login`.
struct SSOPortal {
    let settings: SSOSettings
    let options: CredentialLoadOptions

    var login: String {
        settings.session.map { "aws sso login --sso-session \($0)" } ?? "aws sso login --profile \(settings.profile)"
    }

    func roleCredentials() async throws -> AWSCredentials {
        let token = try cachedToken()
        var components = URLComponents(url: settings.portal, resolvingAgainstBaseURL: false)
        var path = components?.path ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        components?.path = path + "/federation/credentials"
        components?.queryItems = [
            URLQueryItem(name: "role_name", value: settings.roleName),
            URLQueryItem(name: "account_id", value: settings.accountID),
        ]
        guard let url = components?.url else { throw AWSError.configuration("bad SSO portal URL \(settings.portal)") }
        let label = "the SSO portal \(settings.portal.absoluteString)"
        let request = HTTPRequest(
            method: "GET", url: url, headers: [(name: "x-amz-sso_bearer_token", value: token)],
            timeout: options.endpointTimeout)
        let response = try await ContainerEndpoint.send(
            request, attempts: 2, transport: options.client.transport, label: label)
        switch response.status {
        case 200: break
        case 401, 403:
            throw AWSError.noCredentials(
                "\(label) refused the cached SSO token (HTTP \(response.status)) for role \(settings.roleName) in "
                    + "account \(settings.accountID): run `\(login)`")
        default:
            throw AWSError.noCredentials("\(label) answered HTTP \(response.status) to GetRoleCredentials")
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let role = object["roleCredentials"] as? [String: Any],
            let keyID = role["accessKeyId"] as? String, !keyID.isEmpty,
            let secret = role["secretAccessKey"] as? String, !secret.isEmpty
        else { throw AWSError.malformedResponse("\(label): no roleCredentials in the GetRoleCredentials answer") }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
            expiration: expiration)
    }

    /// The cached access token, refused when missing, unreadable or expired.
    func cachedToken() throws -> String {
        let file = settings.cacheFile
        guard let data = FileManager.default.contents(atPath: file) else {
            throw AWSError.noCredentials(
                "no cached SSO token for profile \"\(settings.profile)\" (\(file)): run `\(login)`")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = object["accessToken"] as? String, !token.isEmpty,
            let expiresText = object["expiresAt"] as? String
        else {
            throw AWSError.noCredentials("the SSO token cache \(file) is unreadable: run `\(login)`")
        }
        // The AWS CLI v1 wrote `2019-11-14T04:05:45UTC`.
        let normalized = expiresText.hasSuffix("UTC") ? String(expiresText.dropLast(3)) + "Z" : expiresText
        guard let expires = AWSDate.parseISO8601(normalized) else {
            throw AWSError.noCredentials("the SSO token cache \(file) has an unreadable expiresAt: run `\(login)`")
        }
        guard expires > options.client.now() else {
            throw AWSError.noCredentials(
                "the SSO token for profile \"\(settings.profile)\" expired at \(AWSDate.iso8601(expires)): run `\(login)`")
        }
        guard !AWSCredentials.hasLineBreak(token) else {
            throw AWSError.noCredentials("the SSO token cache \(file) holds a token with a line break")
        }
        return token
    }
}
