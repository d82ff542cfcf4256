import ArgumentParser
import Foundation
import KeywardAWS

extension KeyVerification.Mode: ExpressibleByArgument {}

/// Options that reach AWS (`--verify`, and later remediation).
struct AWSOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Ask AWS whether found keys are live: quietly with operator credentials when they can see the "
                + "key's account (the leaked key signs nothing), else STS GetCallerIdentity signed with the "
                + "found pair. --verify=quiet never signs; --verify=sign always does."))
    var verify = false

    @Option(
        name: .customLong("verify-method"),
        help: ArgumentHelp("How --verify asks: auto, quiet or sign (also written --verify=quiet).", visibility: .hidden))
    var verifyMethod: KeyVerification.Mode = .auto

    @Option(
        name: .customLong("canary-account"),
        help: ArgumentHelp("An AWS account whose keys are canaries (repeatable; added to rules/aws-canary-accounts.txt).", valueName: "ID"))
    var canaryAccounts: [String] = []

    @Option(
        help: ArgumentHelp(
            "When to fail: any (every leak), live (only keys --verify proved live) or unremediated (a leak "
                + "whose key the remediation ledger does not record as rotated)."))
    var failOn: FailOn = .any

    @Option(
        name: .customLong("ledger"),
        help: ArgumentHelp(
            "A remediation ledger to read (repeatable; default: .keyward-ledger.json at the scan root and the "
                + "state directory's ledger.json).", valueName: "FILE"))
    var ledgers: [String] = []

    @Option(help: "AWS profile for operator credentials (default: AWS_PROFILE, then 'default').")
    var profile: String?

    @Option(help: "Endpoint URL for IAM and STS (default: AWS_ENDPOINT_URL_IAM/_STS, AWS_ENDPOINT_URL, AWS).")
    var endpointURL: String?

    @Option(help: "The current code of the MFA device a role profile names in mfa_serial.")
    var mfaCode: String?

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case any, live, unremediated
    }

    func validate() throws {
        if failOn == .live && !verify { throw ValidationError("--fail-on live needs --verify") }
        for account in canaryAccounts where account.count != 12 || !account.allSatisfy(\.isNumber) {
            throw ValidationError("--canary-account \(account): an AWS account ID is 12 digits")
        }
    }

    /// `--verify=MODE` as users write it, turned into `--verify --verify-method MODE` before parsing.
    static func normalize(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--verify="), argument != "--verify=" else { return [argument] }
            return ["--verify", "--verify-method", String(argument.dropFirst("--verify=".count))]
        }
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
