import Foundation

/// One version of a Secrets Manager secret, as CreateSecret and PutSecretValue return it.
public struct SecretVersion: Sendable, Equatable {
    /// The secret's ARN.
    public var arn: String
    /// The secret's name.
    public var name: String
    /// The version just written (or read).
    public var versionID: String?
}

/// A secret's value as GetSecretValue returns it; `description` redacts the value.
public struct SecretValue: Sendable, Equatable, CustomStringConvertible {
    /// Which secret and version.
    public var version: SecretVersion
    /// The secret string; never printed.
    public var secretString: String?

    /// The ARN and version, never the value.
    public var description: String { "SecretValue(\(version.arn), version: \(version.versionID ?? "?"))" }
}

/// The Secrets Manager JSON 1.1 API: the calls keyward uses to deliver a new key.
public struct SecretsManagerClient: Sendable {
    let core: AWSServiceClient

    /// A client that signs with `credentials` and talks to `endpoint`.
    public init(credentials: AWSCredentials, endpoint: AWSEndpoint, options: AWSClientOptions = AWSClientOptions()) {
        core = AWSServiceClient(credentials: credentials, endpoint: endpoint, options: options)
    }

    /// A client for the configuration's credentials and Secrets Manager endpoint.
    public init(configuration: AWSConfiguration, options: AWSClientOptions = AWSClientOptions()) throws {
        self.init(
            credentials: try configuration.requireCredentials(),
            endpoint: configuration.endpoint(for: .secretsManager), options: options)
    }

    /// CreateSecret: a new secret holding `secretString`.
    public func createSecret(name: String, secretString: String, description: String? = nil) async throws
        -> SecretVersion
    {
        var body: [String: String] = ["Name": name, "SecretString": secretString, "ClientRequestToken": UUID().uuidString]
        body["Description"] = description
        return try await call("CreateSecret", body, idempotent: true).version
    }

    /// PutSecretValue: a new current version of an existing secret (`NoSuchEntity` when it does not exist).
    public func putSecretValue(secretID: String, secretString: String) async throws -> SecretVersion {
        let body = ["SecretId": secretID, "SecretString": secretString, "ClientRequestToken": UUID().uuidString]
        return try await call("PutSecretValue", body, idempotent: true).version
    }

    /// GetSecretValue: the current value of a secret.
    public func getSecretValue(secretID: String) async throws -> SecretValue {
        let answer = try await call("GetSecretValue", ["SecretId": secretID], idempotent: true)
        return SecretValue(version: answer.version, secretString: answer.SecretString)
    }

    struct Answer: Decodable {
        var ARN: String?
        var Name: String?
        var VersionId: String?
        var SecretString: String?

        var version: SecretVersion { SecretVersion(arn: ARN ?? "", name: Name ?? "", versionID: VersionId) }
    }

    /// Calls one operation; the client request token makes a retried write safe to repeat.
    func call(_ operation: String, _ body: [String: String], idempotent: Bool) async throws -> Answer {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw AWSError.malformedResponse("secretsmanager \(operation): cannot encode request")
        }
        let answer = try await core.json(target: "secretsmanager.\(operation)", body: data, idempotent: idempotent)
        do {
            return try JSONDecoder().decode(Answer.self, from: answer)
        } catch {
            throw AWSError.malformedResponse("secretsmanager \(operation): body is not the expected JSON")
        }
    }
}
