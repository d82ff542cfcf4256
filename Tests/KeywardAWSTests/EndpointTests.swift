import Foundation
@testable import KeywardAWS
import Testing

/// Partitions, default endpoints and the endpoint-override precedence.
@Suite struct EndpointTests {
    @Test(arguments: [
        ("us-east-1", AWSPartition.aws), ("eu-west-3", .aws), ("cn-north-1", .awsCN), ("cn-northwest-1", .awsCN),
        ("us-gov-west-1", .awsUSGov), ("us-gov-east-1", .awsUSGov),
    ])
    func partitionFromRegion(_ example: (String, AWSPartition)) {
        #expect(AWSPartition(region: example.0) == example.1)
    }

    @Test func noRegionIsCommercial() {
        #expect(AWSPartition(region: nil) == .aws)
    }

    @Test(arguments: [
        (AWSService.iam, String?.none, "https://iam.amazonaws.com", "us-east-1"),
        (.iam, "eu-west-3", "https://iam.amazonaws.com", "us-east-1"),
        (.iam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        (.iam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
        (.sts, nil, "https://sts.amazonaws.com", "us-east-1"),
        (.sts, "eu-west-3", "https://sts.eu-west-3.amazonaws.com", "eu-west-3"),
        (.sts, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        (.secretsManager, nil, "https://secretsmanager.us-east-1.amazonaws.com", "us-east-1"),
        (.secretsManager, "cn-northwest-1", "https://secretsmanager.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
    ])
    func standardEndpoints(_ example: (AWSService, String?, String, String)) {
        let endpoint = AWSEndpoint.standard(for: example.0, region: example.1)
        #expect(endpoint.url.absoluteString == example.2)
        #expect(endpoint.signingRegion == example.3)
    }

    static let env = [
        "AWS_ENDPOINT_URL": "http://127.0.0.1:4000",
        "AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:4001",
        "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:4002",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://127.0.0.1:4003",
        "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
    ]

    @Test func serviceVariablesBeatTheSharedOne() throws {
        let config = try AWSConfiguration.resolve(environment: Self.env)
        #expect(config.endpoint(for: .iam).url.absoluteString == "http://127.0.0.1:4001")
        #expect(config.endpoint(for: .sts).url.absoluteString == "http://127.0.0.1:4002")
        #expect(config.endpoint(for: .secretsManager).url.absoluteString == "http://127.0.0.1:4003")
        var shared = Self.env
        shared["AWS_ENDPOINT_URL_STS"] = nil
        #expect(try AWSConfiguration.resolve(environment: shared).endpoint(for: .sts).url.absoluteString == "http://127.0.0.1:4000")
    }

    @Test func commandLineBeatsVariables() throws {
        let config = try AWSConfiguration.resolve(endpointURL: "http://127.0.0.1:5000", environment: Self.env)
        for service in AWSService.allCases {
            #expect(config.endpoint(for: service).url.absoluteString == "http://127.0.0.1:5000")
        }
    }

    @Test func customEndpointsKeepThePartitionSigningRegion() throws {
        var env = Self.env
        env["AWS_REGION"] = "cn-north-1"
        let config = try AWSConfiguration.resolve(environment: env)
        #expect(config.endpoint(for: .iam).signingRegion == "cn-north-1")
        #expect(config.endpoint(for: .sts).signingRegion == "cn-north-1")
        env["AWS_REGION"] = "eu-west-3"
        let europe = try AWSConfiguration.resolve(environment: env)
        #expect(europe.endpoint(for: .iam).signingRegion == "us-east-1")
        #expect(europe.endpoint(for: .secretsManager).signingRegion == "eu-west-3")
    }

    @Test func configuredEndpointsCanBeIgnored() throws {
        var env = Self.env
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        let config = try AWSConfiguration.resolve(environment: env)
        #expect(config.endpoint(for: .iam).url.absoluteString == "https://iam.amazonaws.com")
        let explicit = try AWSConfiguration.resolve(endpointURL: "http://127.0.0.1:5000", environment: env)
        #expect(explicit.endpoint(for: .iam).url.absoluteString == "http://127.0.0.1:5000")
    }

    @Test func badEndpointURLsAreConfigurationErrors() {
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(endpointURL: "not a url", environment: [:]) }
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(endpointURL: "ftp://127.0.0.1", environment: [:]) }
        #expect(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["AWS_ENDPOINT_URL_IAM": "127.0.0.1:4000"])
        }
    }
}
