import ArgumentParser
import Foundation
import KeywardAWS
import KeywardRemediation
import KeywardScan

/// `keyward keys audit`: every user's keys with age, status, last use and CIS flags; optionally rotate
/// the old ones (through the journaled rotation) and deactivate the unused ones.
struct KeysAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List IAM users' access keys with age, status, last use and CIS flags; rotate or deactivate them.")

    @Option(name: .customLong("user"), help: "Only this IAM user (repeatable; default: every user).")
    var users: [String] = []

    @Option(help: "Rotate every Active key at least this old (e.g. 90d) through the journaled flow.")
    var rotateOlderThan: String?

    @Option(name: .customLong("scan"), help: "Where to look for the keys being rotated, to replace them there (repeatable).")
    var scanPaths: [String] = []

    @Option(help: "Deactivate every Active key unused (or never used) for at least this long (e.g. 45d).")
    var deactivateUnused: String?

    @OptionGroup(title: "Remediation") var remediation: RemediationOptions

    @Option(help: "AWS profile for operator credentials (default: AWS_PROFILE, then 'default').")
    var profile: String?

    @Option(help: "Endpoint URL for IAM and STS (default: AWS_ENDPOINT_URL…, then AWS).")
    var endpointURL: String?

    @Option(help: "Output format: text or json.")
    var format: RotateCommand.Format = .text

    func validate() throws {
        if !scanPaths.isEmpty && rotateOlderThan == nil { throw ValidationError("--scan goes with --rotate-older-than") }
        for value in [rotateOlderThan, deactivateUnused].compactMap({ $0 }) {
            do { _ = try GraceDuration.parse(value) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        let configuration: AWSConfiguration
        var auditor: KeyAuditor
        do {
            configuration = try AWSConfiguration.resolve(profile: profile, endpointURL: endpointURL)
            auditor = try KeyAuditor(configuration: configuration)
        } catch {
            throw CLIExit.failure(error)
        }
        if let age = try rotateOlderThan.map(GraceDuration.parse) { auditor.rotationAge = age }
        if let age = try deactivateUnused.map(GraceDuration.parse) { auditor.unusedAge = age }
        let keys: [AuditedKey]
        do {
            keys = try await auditor.audit(users: users, now: Self.now())
        } catch {
            throw CLIExit.failure(error)
        }
        print(format == .json ? try AuditReport.json(keys) : AuditReport.text(keys), terminator: "")
        var status = ExitStatus.clean
        if deactivateUnused != nil { status = max(status, try await deactivate(keys.filter { $0.flags.contains(.unused) }, auditor)) }
        if rotateOlderThan != nil {
            status = max(status, try await rotate(keys.filter { $0.flags.contains(.rotationDue) }, configuration: configuration))
        }
        if status != ExitStatus.clean { throw CLIExit(code: status) }
    }

    /// Rotates the due keys, each replaced wherever a scan of `--scan` finds it.
    func rotate(_ due: [AuditedKey], configuration: AWSConfiguration) async throws -> Int32 {
        let printer = RemediationPrinter(json: false, showSecrets: false, toStandardError: true)
        guard !due.isEmpty else {
            printer.note("no Active key is older than \(rotateOlderThan ?? "?"); nothing to rotate")
            return ExitStatus.clean
        }
        let found = try KeyLocator.locate(Set(due.map(\.keyID)), in: scanPaths)
        let roots = scanPaths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let requests = try due.map { key in
            var request = try remediation.request(
                keyID: key.keyID, secret: found[key.keyID]?.secret,
                files: found[key.keyID].map { ScanCommand.files(of: $0, roots: scanPaths) } ?? [])
            request.roots = roots
            return request
        }
        return await RemediationSession(configuration: configuration, options: remediation, printer: printer).rotate(requests)
    }

    /// Deactivates the unused keys after confirmation (`--dry-run` lists them only).
    func deactivate(_ unused: [AuditedKey], _ auditor: KeyAuditor) async throws -> Int32 {
        guard !unused.isEmpty else { return ExitStatus.clean }
        let names = unused.map { "\($0.keyID) (\($0.user))" }.joined(separator: ", ")
        if remediation.dryRun {
            Terminal.error("keyward: would deactivate unused keys: \(names)\n")
            return ExitStatus.clean
        }
        let printer = RemediationPrinter(json: false, showSecrets: false, toStandardError: true)
        let session = RemediationSession(configuration: auditor.configuration, options: remediation, printer: printer)
        guard session.confirm("Deactivate \(unused.count) unused key(s): \(names)?") else { return ExitStatus.error }
        for key in unused {
            do {
                try await auditor.deactivate(key)
                Terminal.error("keyward: deactivated \(key.keyID) (user \(key.user), unused)\n")
            } catch {
                Terminal.error("keyward: deactivating \(key.keyID): \(error)\n")
                return ExitStatus.error
            }
        }
        return ExitStatus.clean
    }

    /// Now, or the debug builds' `KEYWARD_TEST_NOW` (ISO 8601) for age tests.
    static func now() -> Date {
        #if KEYWARD_TEST_HOOKS
            if let text = ProcessInfo.processInfo.environment["KEYWARD_TEST_NOW"],
                let date = ISO8601DateFormatter().date(from: text)
            {
                return date
            }
        #endif
        return Date()
    }
}
