import Foundation

/// Runs a `CredentialProvider`: the calls, files and processes behind it.
struct CredentialLoader {
    let configuration: AWSConfiguration
    let options: CredentialLoadOptions

    /// The provider's credentials; nil only for instance metadata that was not asked for and did not answer.
    func load(_ provider: CredentialProvider) async throws -> AWSCredentials? {
        let credentials: AWSCredentials?
        switch provider {
        case .fixed(let keys, _):
            return keys
        case .assumeRole(let role, let source):
            credentials = try await assumeRole(role, source: source)
        case .webIdentity(let web):
            credentials = try await webIdentity(web)
        case .process(let process):
            credentials = try await CredentialProcess(settings: process, timeout: options.processTimeout).run()
        case .sso(let sso):
            credentials = try await SSOPortal(settings: sso, options: options).roleCredentials()
        case .container(let container):
            credentials = try await ContainerEndpoint(settings: container, options: options).credentials()
        case .instanceMetadata(let imds):
            credentials = try await InstanceMetadata(settings: imds, options: options).credentials()
        }
        if let expiration = credentials?.expiration, expiration <= options.client.now() {
            throw AWSError.noCredentials("\(provider) gave credentials that expired at \(AWSDate.iso8601(expiration))")
        }
        return credentials
    }

    /// AssumeRole signed with the source's credentials, with the profile's options and the MFA code.
    func assumeRole(_ role: AssumeRoleSettings, source: CredentialProvider) async throws -> AWSCredentials {
        var code: String?
        if let serial = role.mfaSerial {
            guard let given = options.mfaCode else {
                throw AWSError.noCredentials(
                    "profile \"\(role.profile)\" needs an MFA code for \(serial): pass --mfa-code CODE")
            }
            guard given.count == 6, given.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw AWSError.configuration("--mfa-code must be the 6 digits the MFA device shows")
            }
            code = given
        }
        guard let sourceCredentials = try await load(source) else {
            throw AWSError.noCredentials("no credentials to assume \(role.roleARN) with: \(source) did not answer")
        }
        let sts = STSClient(
            credentials: sourceCredentials, endpoint: configuration.endpoint(for: .sts), options: options.client)
        let request = AssumeRoleRequest(
            roleARN: role.roleARN, sessionName: role.sessionName ?? sessionName(), durationSeconds: role.durationSeconds,
            externalID: role.externalID, mfaSerial: role.mfaSerial, mfaCode: code)
        do {
            return try await sts.assumeRole(request)
        } catch let error as AWSError {
            throw AWSError.noCredentials("profile \"\(role.profile)\": AssumeRole \(role.roleARN) failed: \(error)")
        }
    }

    /// AssumeRoleWithWebIdentity (unsigned) with the token read from its file now.
    func webIdentity(_ web: WebIdentitySettings) async throws -> AWSCredentials {
        guard let data = FileManager.default.contents(atPath: web.tokenFile) else {
            throw AWSError.noCredentials("cannot read the web identity token file \(web.tokenFile) (\(web.origin))")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw AWSError.noCredentials("the web identity token file \(web.tokenFile) is empty (\(web.origin))")
        }
        let sts = STSClient.anonymous(endpoint: configuration.endpoint(for: .sts), options: options.client)
        do {
            return try await sts.assumeRoleWithWebIdentity(
                roleARN: web.roleARN, sessionName: web.sessionName ?? sessionName(), webIdentityToken: token,
                durationSeconds: web.durationSeconds)
        } catch let error as AWSError {
            throw AWSError.noCredentials("AssumeRoleWithWebIdentity \(web.roleARN) (\(web.origin)) failed: \(error)")
        }
    }

    /// `keyward-<unix seconds>`, as the SDKs name sessions they start (`botocore-session-…`).
    func sessionName() -> String {
        "keyward-\(Int(options.client.now().timeIntervalSince1970))"
    }
}
