import ArgumentParser
import Foundation
import KeywardRemediation

/// Options shared by `keyward rotate` and `keyward scan --remediate`.
struct RemediationOptions: ParsableArguments {
    @Flag(help: "Print the rotation plan and change nothing.")
    var dryRun = false

    @Flag(help: "Rotate without asking for confirmation (needed when there is no terminal).")
    var yes = false

    @Flag(help: "Sign the calls with the leaked pair (then the new one) instead of the operator's credentials.")
    var asLeakedKey = false

    @Option(
        help: ArgumentHelp(
            "Also write the new pair to TARGET (repeatable): profile:NAME[@FILE], file:PATH, secretsmanager:ID.",
            valueName: "TARGET"))
    var deliver: [String] = []

    @Flag(help: "When the user already has two keys and the other is inactive, delete that one first.")
    var deleteInactive = false

    @Flag(help: "Replace the old secret in git-tracked files by REDACTED-BY-KEYWARD.")
    var redactTracked = false

    @Flag(help: "Do not rewrite the files where the key was found (delivery targets only).")
    var noReplace = false

    @Option(help: "Wait this long (e.g. 30m, 24h) after deactivating the old key; --resume then deletes it.")
    var grace: String?

    @Option(help: "Journal directory (default: $XDG_STATE_HOME/keyward or ~/.local/state/keyward).")
    var stateDir: String?

    @Flag(help: "Do not deny the sessions the user started before the deactivation (aws:TokenIssueTime policy).")
    var keepSessions = false

    @Flag(help: "Detach AWS's AWSCompromisedKeyQuarantine* policies from the user once the rotation is done.")
    var releaseQuarantine = false

    @Option(
        name: .customLong("record-ledger"),
        help: ArgumentHelp(
            "Also record each completed rotation in FILE (e.g. a committed .keyward-ledger.json).", valueName: "FILE"))
    var recordLedger: String?

    func validate() throws {
        for target in deliver { _ = try parse { try DeliveryTarget(parsing: target) } }
        if let grace { _ = try parse { try GraceDuration.parse(grace) } }
    }

    private func parse<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw ValidationError("\(error)") }
    }

    /// The delivery targets.
    func targets() throws -> [DeliveryTarget] { try deliver.map { try DeliveryTarget(parsing: $0) } }

    /// The grace period in seconds (0 when not given).
    func graceSeconds() throws -> TimeInterval { try grace.map(GraceDuration.parse) ?? 0 }

    /// The journal directory.
    var journalDirectory: String {
        stateDir ?? JournalStore.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// A request for one key with these options.
    func request(keyID: String, secret: String?, files: [String], canaryAccounts: [String] = []) throws -> RotationRequest {
        var request = RotationRequest(
            keyID: keyID, oldSecret: secret, files: noReplace ? [] : files, deliveries: try targets(),
            actAsLeakedKey: asLeakedKey, deleteInactive: deleteInactive, redactTracked: redactTracked,
            grace: try graceSeconds())
        request.keepSessions = keepSessions
        request.releaseQuarantine = releaseQuarantine
        request.ledgerFile = recordLedger.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        request.extraCanaryAccounts = Set(canaryAccounts)
        return request
    }

    /// The real environment. Debug builds (the ones the tests run) add the test-only contract of
    /// ``TestHooks``; release builds (`make release`, `make install`) do not contain it.
    static func environment() -> RemediationEnvironment {
        var environment = RemediationEnvironment()
        #if KEYWARD_TEST_HOOKS
            TestHooks.install(in: &environment, from: ProcessInfo.processInfo.environment)
        #endif
        return environment
    }
}
