import Foundation
import KeywardAWS

extension MotoServer {
    /// The inline policy that lets the operator do anything (moto does not load `AdministratorAccess`).
    public static let allowAllPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    /// Uses three unauthenticated calls (start the server with `noAuthActions: 3`): CreateUser `name`,
    /// PutUserPolicy allowing everything, CreateAccessKey; returns the operator's key pair.
    public func bootstrapOperator(name: String = "operator") async throws -> AWSCredentials {
        // The signature is not checked during the unauthenticated calls; moto only reads the service name.
        let bootstrap = AWSCredentials(
            accessKeyID: "AKIAQX3B4O2TZBOOTSTR", secretAccessKey: "Bootstrap0nlyN0tChecked/ByMoto4Tests00000")
        // moto's first IAM answers load its backends: slow on a loaded machine, so a long timeout.
        let iam = IAMClient(
            credentials: bootstrap, endpoint: configuration(credentials: nil).endpoint(for: .iam),
            options: AWSClientOptions(transport: CurlTransport(timeout: 120), timeout: 120))
        _ = try await iam.createUser(userName: name)
        try await iam.putUserPolicy(userName: name, policyName: "allow-all", policyDocument: Self.allowAllPolicy)
        return try await iam.createAccessKey(userName: name).credentials
    }
}

extension MotoServer {
    /// Lets the next `count` calls through unauthenticated (moto's `/moto-api/reset-auth`), for the
    /// calls AWS takes unsigned (AssumeRoleWithWebIdentity); signatures are enforced again after them.
    public func allowUnauthenticatedCalls(_ count: Int) async throws {
        let url = endpoint.appendingPathComponent("moto-api/reset-auth")
        let response = try await CurlTransport().send(
            HTTPRequest(
                method: "POST", url: url, headers: [(name: "Content-Type", value: "application/json")],
                body: Data(String(count).utf8)))
        guard response.status == 200 else { throw MotoServerError.didNotStart("reset-auth answered HTTP \(response.status)") }
    }
}
