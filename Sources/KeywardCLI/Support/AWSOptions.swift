import ArgumentParser
import Foundation
import KeywardAWS

/// Options that reach AWS (`--verify`, and later remediation).
struct AWSOptions: ParsableArguments {
    @Flag(help: "Ask AWS (STS GetCallerIdentity signed with each found pair) whether found keys are live.")
    var verify = false

    @Option(help: "When to fail: any (every leak) or live (only keys --verify proved live).")
    var failOn: FailOn = .any

    @Option(help: "AWS profile for operator credentials (default: AWS_PROFILE, then 'default').")
    var profile: String?

    @Option(help: "Endpoint URL for IAM and STS (default: AWS_ENDPOINT_URL_IAM/_STS, AWS_ENDPOINT_URL, AWS).")
    var endpointURL: String?

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case any, live
    }

    func validate() throws {
        if failOn == .live && !verify { throw ValidationError("--fail-on live needs --verify") }
    }

    /// The AWS configuration: operator credentials from the standard chain, endpoints, region.
    func configuration() throws -> AWSConfiguration {
        do {
            return try AWSConfiguration.resolve(profile: profile, endpointURL: endpointURL)
        } catch {
            throw CLIExit.failure(error)
        }
    }
}
