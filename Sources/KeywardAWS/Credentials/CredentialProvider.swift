import Foundation

/// Where the operator's credentials come from, worked out from the environment and the shared files
/// without any call or process; `AWSConfiguration.loadingCredentials(_:)` then runs it.
public indirect enum CredentialProvider: Sendable, Equatable, CustomStringConvertible {
    /// Static keys (the environment or a profile).
    case fixed(AWSCredentials, origin: String)
    /// STS AssumeRole, signed with the credentials of `source` (`role_arn` + `source_profile`/`credential_source`).
    case assumeRole(AssumeRoleSettings, source: CredentialProvider)
    /// STS AssumeRoleWithWebIdentity (an unsigned call) with the OIDC token read from a file.
    case webIdentity(WebIdentitySettings)
    /// A program that prints credentials as JSON (`credential_process`).
    case process(ProcessSettings)
    /// IAM Identity Center (SSO): the portal's GetRoleCredentials with the token `aws sso login` cached.
    case sso(SSOSettings)
    /// The ECS/EKS container credentials endpoint.
    case container(ContainerSettings)
    /// The EC2 instance metadata service, IMDSv2 only.
    case instanceMetadata(InstanceMetadataSettings)

    /// Where the credentials come from, in one line (no secret).
    public var description: String {
        switch self {
        case .fixed(_, let origin): return origin
        case .assumeRole(let role, let source):
            return "role \(role.roleARN) (profile \"\(role.profile)\") assumed with \(source)"
        case .webIdentity(let web):
            return "role \(web.roleARN) assumed with the web identity token in \(web.tokenFile) (\(web.origin))"
        case .process(let process): return "credential_process of profile \"\(process.profile)\""
        case .sso(let sso): return "SSO role \(sso.roleName) in account \(sso.accountID) (profile \"\(sso.profile)\")"
        case .container(let container): return "container credentials from \(container.url.absoluteString)"
        case .instanceMetadata(let imds): return "EC2 instance metadata (IMDSv2) at \(imds.endpoint.absoluteString)"
        }
    }
}

/// A role profile: `role_arn` and the options of its AssumeRole call.
public struct AssumeRoleSettings: Sendable, Equatable {
    /// The profile that names the role.
    public var profile: String
    /// `role_arn`.
    public var roleARN: String
    /// `role_session_name`; keyward makes one up when nil.
    public var sessionName: String?
    /// `duration_seconds` (900–43200).
    public var durationSeconds: Int?
    /// `external_id`.
    public var externalID: String?
    /// `mfa_serial`: the call then needs `--mfa-code`.
    public var mfaSerial: String?
}

/// `web_identity_token_file` + `role_arn` (a profile), or `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`.
public struct WebIdentitySettings: Sendable, Equatable {
    /// The role to assume.
    public var roleARN: String
    /// The file holding the OIDC token (re-read at each use: Kubernetes rotates it).
    public var tokenFile: String
    /// `AWS_ROLE_SESSION_NAME` / `role_session_name`; keyward makes one up when nil.
    public var sessionName: String?
    /// `duration_seconds` of the profile.
    public var durationSeconds: Int?
    /// `environment` or `profile "NAME"`.
    public var origin: String
}

/// `credential_process`: the command line and the environment it runs with.
public struct ProcessSettings: Sendable, Equatable {
    /// The profile naming the command.
    public var profile: String
    /// The command line, split into words as the AWS CLI does (no shell).
    public var command: String
    /// The environment of the child process.
    public var environment: [String: String]
}

/// An SSO profile (`sso_session` or the legacy `sso_start_url` form).
public struct SSOSettings: Sendable, Equatable {
    /// The profile.
    public var profile: String
    /// `sso_session`, nil for the legacy form.
    public var session: String?
    /// `sso_start_url`.
    public var startURL: String
    /// `sso_region`: where the portal is.
    public var region: String
    /// `sso_account_id`.
    public var accountID: String
    /// `sso_role_name`.
    public var roleName: String
    /// The token cache file, `~/.aws/sso/cache/<sha1 of the session name or start URL>.json`.
    public var cacheFile: String
    /// The portal: `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`, or `https://portal.sso.REGION.amazonaws.com`.
    public var portal: URL
}

/// The container credentials endpoint and its authorization.
public struct ContainerSettings: Sendable, Equatable {
    /// `http://169.254.170.2` + `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, or `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
    public var url: URL
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each use; wins over the token).
    public var tokenFile: String?
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
    public var token: String?
}

/// The instance metadata endpoint.
public struct InstanceMetadataSettings: Sendable, Equatable {
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, the profile's `ec2_metadata_service_endpoint`, or the default.
    public var endpoint: URL
    /// Asked for (an endpoint set, or `credential_source = Ec2InstanceMetadata`): then no answer is an
    /// error; otherwise, as the last step of the chain, no answer only means "no credentials".
    public var explicit: Bool
}
