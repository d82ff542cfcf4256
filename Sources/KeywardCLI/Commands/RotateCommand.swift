import ArgumentParser
import Foundation
import KeywardAWS
import KeywardRemediation

/// `keyward rotate KEY_ID`: rotate one leaked AWS key, or resume / roll back a journaled rotation.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotate a leaked AWS access key: create, verify, replace, deactivate, delete (journaled).")

    @Argument(help: "The leaked access key ID (optional with --resume: every unfinished rotation).")
    var keyID: String?

    @Flag(help: "Continue unfinished rotations from their journals.")
    var resume = false

    @Flag(help: "Undo an unfinished rotation: restore files, re-activate the old key, delete the new one.")
    var rollback = false

    @Option(help: "A file where the key was found, to rewrite with the new pair (repeatable).")
    var file: [String] = []

    @Flag(help: "Read the leaked secret from the first line of standard input (needed to rewrite files).")
    var secretStdin = false

    @OptionGroup(title: "Remediation") var remediation: RemediationOptions

    @Option(help: "AWS profile for operator credentials (default: AWS_PROFILE, then 'default').")
    var profile: String?

    @Option(help: "Endpoint URL for IAM, STS and Secrets Manager (default: AWS_ENDPOINT_URL…, then AWS).")
    var endpointURL: String?

    @Option(help: "The current code of the MFA device a role profile names in mfa_serial.")
    var mfaCode: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Print the new secret.")
    var showSecrets = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if resume && rollback { throw ValidationError("--resume and --rollback exclude each other") }
        if !resume && keyID == nil { throw ValidationError("give the KEY_ID to rotate (or --resume)") }
        if rollback && keyID == nil { throw ValidationError("--rollback needs the KEY_ID") }
    }

    func run() async throws {
        let configuration = try await OperatorConfiguration.shared.resolve(
            profile: profile, endpointURL: endpointURL, mfaCode: mfaCode)
        let printer = RemediationPrinter(json: format == .json, showSecrets: showSecrets)
        let session = RemediationSession(configuration: configuration, options: remediation, printer: printer)
        let status: Int32
        if resume {
            status = await session.resume(keyID: keyID, grace: try remediation.grace.map(GraceDuration.parse))
        } else if rollback, let keyID {
            status = await session.rollback(keyID: keyID)
        } else if let keyID {
            var secret: String?
            if secretStdin {
                secret = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
                if secret?.isEmpty ?? true { throw CLIExit(code: ExitStatus.error, message: "keyward: no secret on standard input") }
            }
            let request = try remediation.request(keyID: keyID, secret: secret, files: file)
            status = await session.rotate([request])
        } else {
            status = ExitStatus.error
        }
        if status != ExitStatus.clean { throw CLIExit(code: status) }
    }
}
