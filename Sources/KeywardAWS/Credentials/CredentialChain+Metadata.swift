import Foundation

extension CredentialChain {
    /// The ECS task role address for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`.
    static let containerHost = "http://169.254.170.2"
    /// Plain-http hosts a `AWS_CONTAINER_CREDENTIALS_FULL_URI` may name (the SDKs' list): loopback and
    /// the ECS / EKS Pod Identity agents.
    static let containerHTTPHosts: Set<String> = ["localhost", "::1", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"]

    /// Container credentials from `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (wins) or `_FULL_URI`.
    func containerProvider() throws -> CredentialProvider? {
        let url: URL
        if let relative = env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            guard relative.hasPrefix("/"), let parsed = URL(string: Self.containerHost + relative) else {
                throw AWSError.configuration("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /")
            }
            url = parsed
        } else if let full = env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            url = try AWSConfiguration.parseEndpointURL(full, setting: "AWS_CONTAINER_CREDENTIALS_FULL_URI")
            let host = (url.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            if url.scheme?.lowercased() == "http", !(Self.containerHTTPHosts.contains(host) || host.hasPrefix("127.")) {
                throw AWSError.configuration(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http is allowed only to a loopback address or the "
                        + "ECS/EKS agent (169.254.170.2, 169.254.170.23), not \(host); use https")
            }
        } else {
            return nil
        }
        return .container(
            ContainerSettings(
                url: url, tokenFile: env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
                token: env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]))
    }

    /// IMDSv2 unless `AWS_EC2_METADATA_DISABLED=true`; `explicit` when an endpoint is configured.
    func instanceMetadataProvider(settings: ProfileFiles.Settings?, explicit: Bool) throws -> CredentialProvider? {
        if env["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let configured = env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? settings?["ec2_metadata_service_endpoint"]
        let mode = env["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? settings?["ec2_metadata_service_endpoint_mode"]
        let endpoint: URL
        if let configured {
            endpoint = try AWSConfiguration.parseEndpointURL(configured, setting: "AWS_EC2_METADATA_SERVICE_ENDPOINT")
        } else if mode?.lowercased() == "ipv6", let url = URL(string: "http://[fd00:ec2::254]") {
            endpoint = url
        } else if let url = URL(string: "http://169.254.169.254") {
            endpoint = url
        } else {
            return nil
        }
        return .instanceMetadata(InstanceMetadataSettings(endpoint: endpoint, explicit: explicit || configured != nil))
    }
}
