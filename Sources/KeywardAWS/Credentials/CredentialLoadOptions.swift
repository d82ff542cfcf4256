import Foundation

/// How pending credentials are fetched: the MFA code, the transport and the time limits.
public struct CredentialLoadOptions: Sendable {
    /// The current code of the `mfa_serial` device (`--mfa-code`), for role profiles that need one.
    public var mfaCode: String?
    /// Transport, retries and clock for STS and the metadata, container and SSO endpoints.
    public var client: AWSClientOptions
    /// Seconds each instance-metadata request may take (short: a machine without IMDS must not hang).
    public var metadataTimeout: TimeInterval
    /// Seconds each container-endpoint or SSO-portal request may take.
    public var endpointTimeout: TimeInterval
    /// Seconds a `credential_process` may run before it is killed.
    public var processTimeout: TimeInterval

    /// Creates options; the defaults suit real use.
    public init(
        mfaCode: String? = nil, client: AWSClientOptions = AWSClientOptions(), metadataTimeout: TimeInterval = 1,
        endpointTimeout: TimeInterval = 5, processTimeout: TimeInterval = 120
    ) {
        self.mfaCode = mfaCode
        self.client = client
        self.metadataTimeout = metadataTimeout
        self.endpointTimeout = endpointTimeout
        self.processTimeout = processTimeout
    }
}

extension AWSConfiguration {
    /// Resolves as `resolve(profile:endpointURL:credentials:environment:)` does, then fetches pending
    /// credentials (AssumeRole, web identity, `credential_process`, SSO, container, IMDSv2).
    public static func resolve(
        profile: String? = nil, endpointURL: String? = nil, credentials: AWSCredentials? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, loading options: CredentialLoadOptions
    ) async throws -> AWSConfiguration {
        try await resolve(profile: profile, endpointURL: endpointURL, credentials: credentials, environment: environment)
            .loadingCredentials(options)
    }

    /// This configuration with its pending credentials fetched; unchanged when none are pending.
    ///
    /// Errors are one line, name the profile, role or endpoint, and never hold a secret. Instance
    /// metadata reached only as the chain's last step and not answering leaves `credentials` nil.
    public func loadingCredentials(_ options: CredentialLoadOptions = CredentialLoadOptions()) async throws
        -> AWSConfiguration
    {
        guard credentials == nil, let pending = pendingCredentials else { return self }
        var loaded = self
        loaded.credentials = try await CredentialLoader(configuration: self, options: options).load(pending)
        loaded.pendingCredentials = nil
        if loaded.credentials == nil { loaded.credentialSource = nil }
        return loaded
    }
}
