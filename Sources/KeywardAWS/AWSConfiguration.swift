import Foundation

/// Who keyward is to AWS and where it sends requests: credentials, region and endpoints.
///
/// Build one with `resolve(profile:endpointURL:credentials:environment:)`, which follows the AWS SDKs'
/// rules, or directly with `init` (tests, embedding).
public struct AWSConfiguration: Sendable {
    /// The operator's credentials; nil when none were found.
    public var credentials: AWSCredentials?
    /// Where the credentials came from, e.g. `environment` or `profile "ci" in /home/me/.aws/credentials`.
    public var credentialSource: String?
    /// The source still to be asked (a role, a process, SSO, a metadata endpoint) while `credentials` is
    /// nil; `loadingCredentials(_:)` asks it. Nil once loaded, and for static keys.
    public var pendingCredentials: CredentialProvider?
    /// The region (`AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`); nil when none is set.
    public var region: String?
    /// The endpoint URL given on the command line (`--endpoint-url`); beats every other setting.
    public var endpointURL: URL?
    /// Per-service endpoint URLs from the environment or profile (`AWS_ENDPOINT_URL_IAM`…).
    public var serviceEndpointURLs: [AWSService: URL]
    /// The endpoint URL for every service from the environment or profile (`AWS_ENDPOINT_URL`).
    public var sharedEndpointURL: URL?

    /// Creates a configuration from known values.
    public init(
        credentials: AWSCredentials?, region: String? = nil, endpointURL: URL? = nil,
        serviceEndpointURLs: [AWSService: URL] = [:], sharedEndpointURL: URL? = nil,
        credentialSource: String? = nil
    ) {
        self.credentials = credentials
        self.region = region
        self.endpointURL = endpointURL
        self.serviceEndpointURLs = serviceEndpointURLs
        self.sharedEndpointURL = sharedEndpointURL
        self.credentialSource = credentialSource ?? (credentials == nil ? nil : "explicit")
    }

    /// The partition implied by the region (commercial AWS when no region is set).
    public var partition: AWSPartition { AWSPartition(region: region) }

    /// The endpoint for a service: `--endpoint-url` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > standard.
    ///
    /// A custom endpoint is signed for the region the standard endpoint would use.
    public func endpoint(for service: AWSService) -> AWSEndpoint {
        let standard = AWSEndpoint.standard(for: service, region: region)
        guard let custom = endpointURL ?? serviceEndpointURLs[service] ?? sharedEndpointURL else { return standard }
        return AWSEndpoint(service: service, url: custom, signingRegion: standard.signingRegion)
    }

    /// The credentials, or `AWSError.noCredentials` naming where they were looked for.
    public func requireCredentials() throws -> AWSCredentials {
        guard let credentials else {
            if let pendingCredentials {
                throw AWSError.noCredentials("\(pendingCredentials) was not asked yet (loadingCredentials)")
            }
            throw AWSError.noCredentials(
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / --profile for a profile in "
                    + "~/.aws/credentials or ~/.aws/config")
        }
        return credentials
    }

    /// Parses an endpoint URL setting; it must be an absolute `http` or `https` URL with a host.
    package static func parseEndpointURL(_ text: String, setting: String) throws -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw AWSError.configuration("\(setting) is not an http(s) URL: \(trimmed)")
        }
        return url
    }
}
