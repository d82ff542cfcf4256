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

    @Option(help: "The current code of the MFA device a role profile names in mfa_serial.")
    var mfaCode: String?

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case any, live
    }

    func validate() throws {
        if failOn == .live && !verify { throw ValidationError("--fail-on live needs --verify") }
    }

    /// The AWS configuration: operator credentials from the standard chain (roles assumed, processes
    /// run, metadata asked once per run), endpoints, region.
    func configuration() async throws -> AWSConfiguration {
        try await OperatorConfiguration.shared.resolve(profile: profile, endpointURL: endpointURL, mfaCode: mfaCode)
    }
}

/// The operator's configuration, resolved once per run: an MFA code cannot be used twice, and `scan
/// --verify --remediate` needs the credentials twice.
actor OperatorConfiguration {
    static let shared = OperatorConfiguration()
    private var resolved: Task<AWSConfiguration, Error>?

    /// Resolves and loads the configuration the first time; later calls get the same answer.
    func resolve(profile: String?, endpointURL: String?, mfaCode: String?) async throws -> AWSConfiguration {
        let task =
            resolved
            ?? Task {
                try await AWSConfiguration.resolve(
                    profile: profile, endpointURL: endpointURL, loading: CredentialLoadOptions(mfaCode: mfaCode))
            }
        resolved = task
        do {
            return try await task.value
        } catch {
            throw CLIExit.failure(error)
        }
    }
}
