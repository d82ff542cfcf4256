import Foundation

/// The parameters of one STS AssumeRole call.
public struct AssumeRoleRequest: Sendable, Equatable {
    /// The role to assume (`RoleArn`).
    public var roleARN: String
    /// The session name AWS records (`RoleSessionName`, 2–64 characters of `[\w+=,.@-]`).
    public var sessionName: String
    /// The session's lifetime in seconds (`DurationSeconds`); nil for AWS's default (one hour).
    public var durationSeconds: Int?
    /// The external ID the role's trust policy asks for (`ExternalId`).
    public var externalID: String?
    /// The MFA device's serial number or ARN (`SerialNumber`).
    public var mfaSerial: String?
    /// The current code of that device (`TokenCode`).
    public var mfaCode: String?

    /// Creates a request.
    public init(
        roleARN: String, sessionName: String, durationSeconds: Int? = nil, externalID: String? = nil,
        mfaSerial: String? = nil, mfaCode: String? = nil
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.externalID = externalID
        self.mfaSerial = mfaSerial
        self.mfaCode = mfaCode
    }
}

extension STSClient {
    /// A client whose requests are not signed, for AssumeRoleWithWebIdentity (the token is the proof).
    public static func anonymous(endpoint: AWSEndpoint, options: AWSClientOptions = AWSClientOptions()) -> STSClient {
        let placeholder = AWSCredentials(accessKeyID: "anonymous", secretAccessKey: "anonymous")
        var client = STSClient(credentials: placeholder, endpoint: endpoint, options: options)
        client.core.signsRequests = false
        return client
    }

    /// AssumeRole with every optional parameter: temporary credentials with their expiration.
    public func assumeRole(_ request: AssumeRoleRequest) async throws -> AWSCredentials {
        var parameters = QueryParameters(action: "AssumeRole", version: Self.version)
        parameters.add("RoleArn", request.roleARN)
        parameters.add("RoleSessionName", request.sessionName)
        parameters.add("DurationSeconds", request.durationSeconds.map(String.init))
        parameters.add("ExternalId", request.externalID)
        parameters.add("SerialNumber", request.mfaSerial)
        parameters.add("TokenCode", request.mfaCode)
        let root = try await core.query(parameters, idempotent: false)
        return try Self.credentials(root.at("AssumeRoleResult/Credentials"), action: "AssumeRole")
    }

    /// AssumeRoleWithWebIdentity (sent unsigned): temporary credentials for an OIDC token's role.
    public func assumeRoleWithWebIdentity(
        roleARN: String, sessionName: String, webIdentityToken: String, durationSeconds: Int? = nil
    ) async throws -> AWSCredentials {
        var parameters = QueryParameters(action: "AssumeRoleWithWebIdentity", version: Self.version)
        parameters.add("RoleArn", roleARN)
        parameters.add("RoleSessionName", sessionName)
        parameters.add("WebIdentityToken", webIdentityToken)
        parameters.add("DurationSeconds", durationSeconds.map(String.init))
        let root = try await core.query(parameters, idempotent: false)
        return try Self.credentials(
            root.at("AssumeRoleWithWebIdentityResult/Credentials"), action: "AssumeRoleWithWebIdentity")
    }

    /// Reads a `Credentials` element (AccessKeyId, SecretAccessKey, SessionToken, Expiration).
    static func credentials(_ node: XMLNode?, action: String) throws -> AWSCredentials {
        guard let node, let id = node.string("AccessKeyId"), let secret = node.string("SecretAccessKey"),
            let token = node.string("SessionToken")
        else { throw AWSError.malformedResponse("sts \(action): no Credentials") }
        let expiration = node.string("Expiration").flatMap(AWSDate.parseISO8601)
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
