import Foundation

/// The STS Query API (version 2011-06-15): the calls keyward needs.
public struct STSClient: Sendable {
    var core: AWSServiceClient
    static let version = "2011-06-15"

    /// A client that signs with `credentials` and talks to `endpoint`.
    public init(credentials: AWSCredentials, endpoint: AWSEndpoint, options: AWSClientOptions = AWSClientOptions()) {
        core = AWSServiceClient(credentials: credentials, endpoint: endpoint, options: options)
    }

    /// A client for the configuration's credentials and STS endpoint; `AWSError.noCredentials` without credentials.
    public init(configuration: AWSConfiguration, options: AWSClientOptions = AWSClientOptions()) throws {
        self.init(
            credentials: try configuration.requireCredentials(), endpoint: configuration.endpoint(for: .sts),
            options: options)
    }

    /// GetCallerIdentity: the account and ARN of the signing key; needs no permission.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let root = try await core.query(QueryParameters(action: "GetCallerIdentity", version: Self.version), idempotent: true)
        guard let result = root.child("GetCallerIdentityResult"), let account = result.string("Account"),
            let arn = result.string("Arn")
        else { throw AWSError.malformedResponse("sts GetCallerIdentity: no Account/Arn") }
        return CallerIdentity(account: account, arn: arn, userID: result.string("UserId") ?? "")
    }

    /// GetAccessKeyInfo: the account that owns any access key ID (the key need not be the caller's).
    public func getAccessKeyInfo(accessKeyID: String) async throws -> String {
        var parameters = QueryParameters(action: "GetAccessKeyInfo", version: Self.version)
        parameters.add("AccessKeyId", accessKeyID)
        let root = try await core.query(parameters, idempotent: true)
        guard let account = root.string("GetAccessKeyInfoResult/Account") else {
            throw AWSError.malformedResponse("sts GetAccessKeyInfo: no Account")
        }
        return account
    }

    /// AssumeRole: temporary credentials (`ASIA…` key, secret, session token) for a role.
    public func assumeRole(roleARN: String, sessionName: String, durationSeconds: Int? = nil) async throws -> AWSCredentials {
        try await assumeRole(AssumeRoleRequest(roleARN: roleARN, sessionName: sessionName, durationSeconds: durationSeconds))
    }
}
