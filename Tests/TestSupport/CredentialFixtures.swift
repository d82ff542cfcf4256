import Foundation
import KeywardAWS

/// A temporary home for credential-chain tests: `.aws/config`, `.aws/credentials`, scripts, token files.
public struct AWSHome: Sendable {
    /// The folder (used as `HOME`).
    public let path: String

    /// Creates the folder with the two shared files.
    public init(config: String = "", credentials: String = "") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kw-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true)
        try write(".aws/config", config)
        try write(".aws/credentials", credentials)
    }

    /// Writes a file under the home (mode 0700 when `executable`); returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + relative
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o700 : 0o600], ofItemAtPath: file)
        return file
    }

    /// `HOME`, both shared files, metadata off, and the moto endpoint when given, plus `extra`.
    public func environment(moto: MotoServer? = nil, _ extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "HOME": path, "AWS_CONFIG_FILE": path + "/.aws/config",
            "AWS_SHARED_CREDENTIALS_FILE": path + "/.aws/credentials", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        if let moto { env["AWS_ENDPOINT_URL"] = moto.endpoint.absoluteString }
        env.merge(extra) { _, new in new }
        return env
    }

    /// Deletes the folder.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension MotoServer {
    /// A trust policy any principal of the account may assume.
    public static let openTrustPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]}]}"#

    /// A role allowed everything (created with the operator's credentials); returns its ARN.
    public func allowAllRole(_ name: String, operator credentials: AWSCredentials) async throws -> String {
        let iam = IAMClient(credentials: credentials, endpoint: configuration(credentials: nil).endpoint(for: .iam))
        let arn = try await iam.createRole(name: name, trustPolicy: Self.openTrustPolicy)
        try await iam.putRolePolicy(roleName: name, policyName: "all", policyDocument: Self.allowAllPolicy)
        return arn
    }

    /// A user that may only call sts:AssumeRole, and its key pair: proof that later calls used the role.
    public func assumeOnlyUser(_ name: String, operator credentials: AWSCredentials) async throws -> AWSCredentials {
        let iam = IAMClient(credentials: credentials, endpoint: configuration(credentials: nil).endpoint(for: .iam))
        _ = try await iam.createUser(userName: name)
        try await iam.putUserPolicy(
            userName: name, policyName: "assume-only",
            policyDocument: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#)
        return try await iam.createAccessKey(userName: name).credentials
    }
}
