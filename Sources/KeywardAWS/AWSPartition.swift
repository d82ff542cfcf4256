import Foundation

/// An AWS partition: a separate copy of AWS with its own accounts, DNS suffix and global IAM endpoint.
public enum AWSPartition: String, Sendable, CaseIterable {
    /// The commercial partition (`arn:aws:`).
    case aws
    /// China (`arn:aws-cn:`), regions `cn-*`.
    case awsCN = "aws-cn"
    /// AWS GovCloud (US) (`arn:aws-us-gov:`), regions `us-gov-*`.
    case awsUSGov = "aws-us-gov"

    /// The partition a region belongs to; `aws` for nil or any region not `cn-*` or `us-gov-*`.
    public init(region: String?) {
        let region = region?.lowercased() ?? ""
        if region.hasPrefix("cn-") {
            self = .awsCN
        } else if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else {
            self = .aws
        }
    }

    /// The DNS suffix of its service endpoints.
    public var dnsSuffix: String {
        self == .awsCN ? "amazonaws.com.cn" : "amazonaws.com"
    }

    /// The region IAM (a global service) signs for and the default region of the partition.
    public var globalRegion: String {
        switch self {
        case .aws: return "us-east-1"
        case .awsCN: return "cn-north-1"
        case .awsUSGov: return "us-gov-west-1"
        }
    }

    /// A region name is lower-case letters, digits and dashes (e.g. `eu-west-3`).
    public static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// The host of the partition's single IAM endpoint.
    public var iamHost: String {
        switch self {
        case .aws: return "iam.amazonaws.com"
        case .awsCN: return "iam.cn-north-1.amazonaws.com.cn"
        case .awsUSGov: return "iam.us-gov.amazonaws.com"
        }
    }
}

/// The AWS services keyward calls.
public enum AWSService: String, Sendable, CaseIterable {
    /// Identity and Access Management (Query API, version 2010-05-08).
    case iam
    /// Security Token Service (Query API, version 2011-06-15).
    case sts
    /// Secrets Manager (JSON 1.1 API).
    case secretsManager = "secretsmanager"

    /// The SigV4 service name.
    public var signingName: String { rawValue }

    /// The suffix of its `AWS_ENDPOINT_URL_<SUFFIX>` variable.
    public var endpointVariableSuffix: String {
        switch self {
        case .iam: return "IAM"
        case .sts: return "STS"
        case .secretsManager: return "SECRETS_MANAGER"
        }
    }
}

/// Where to send one service's requests and which region to sign them for.
public struct AWSEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The service.
    public let service: AWSService
    /// The base URL, e.g. `https://iam.amazonaws.com`.
    public let url: URL
    /// The SigV4 signing region.
    public let signingRegion: String

    /// Creates an endpoint.
    public init(service: AWSService, url: URL, signingRegion: String) {
        self.service = service
        self.url = url
        self.signingRegion = signingRegion
    }

    /// `service url (signing region)`.
    public var description: String { "\(service.rawValue) \(url.absoluteString) (\(signingRegion))" }

    /// The default endpoint of a service for a region (nil region: the partition's global default).
    public static func standard(for service: AWSService, region: String?) -> AWSEndpoint {
        let region = region.flatMap { AWSPartition.isValidRegion($0) ? $0 : nil }
        let partition = AWSPartition(region: region)
        let host: String
        let signingRegion: String
        switch service {
        case .iam:
            host = partition.iamHost
            signingRegion = partition.globalRegion
        case .sts:
            if let region, !region.isEmpty {
                host = "sts.\(region).\(partition.dnsSuffix)"
                signingRegion = region
            } else {
                host = "sts.\(partition.dnsSuffix)"
                signingRegion = partition.globalRegion
            }
        case .secretsManager:
            let region = (region?.isEmpty ?? true) ? partition.globalRegion : (region ?? "")
            host = "secretsmanager.\(region).\(partition.dnsSuffix)"
            signingRegion = region
        }
        // The host is fixed parts and a validated region name, so it always parses.
        let url = URL(string: "https://\(host)") ?? URL(fileURLWithPath: "/")
        return AWSEndpoint(service: service, url: url, signingRegion: signingRegion)
    }
}
