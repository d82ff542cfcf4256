import Foundation
import KeywardAWS
import KeywardRemediation

/// Plans, confirms and runs rotations for the CLI, and maps the outcome to an exit status.
struct RemediationSession {
    let rotator: Rotator
    let options: RemediationOptions
    let printer: RemediationPrinter

    init(configuration: AWSConfiguration, options: RemediationOptions, printer: RemediationPrinter) {
        var clientOptions = AWSClientOptions()
        #if KEYWARD_TEST_HOOKS
            if let timeout = TestHooks.awsTimeout(from: ProcessInfo.processInfo.environment) {
                clientOptions = AWSClientOptions(transport: CurlTransport(timeout: timeout), timeout: timeout)
            }
        #endif
        self.rotator = Rotator(
            configuration: configuration, journalDirectory: options.journalDirectory,
            environment: RemediationOptions.environment(), options: clientOptions)
        self.options = options
        self.printer = printer
    }

    /// Locks and plans every request, asks for confirmation, executes; returns the exit status.
    /// Each key's lock is held from before its plan to the end of its run, so a second keyward on the
    /// same key is refused (exit 2) instead of racing this one.
    func rotate(_ requests: [RotationRequest]) async -> Int32 {
        var planned: [(RotationRequest, RotationPlan)] = []
        var results: [RotationResult] = []
        var locks: [String: RotationLock] = [:]
        defer { withExtendedLifetime(locks) {} }
        for request in requests {
            do {
                if !options.dryRun, locks[request.keyID] == nil { locks[request.keyID] = try rotator.lock(request.keyID) }
                let plan = try await rotator.plan(request)
                if plan.alreadyHandled != nil {
                    results.append(RotationResult(keyID: request.keyID, status: .alreadyHandled, plan: plan))
                } else {
                    planned.append((request, plan))
                }
            } catch {
                results.append(RotationResult(keyID: request.keyID, status: .refused, error: Self.error(error)))
            }
        }
        if options.dryRun {
            printer.print(results + planned.map { RotationResult(keyID: $0.0.keyID, status: .planned, plan: $0.1) })
            return Self.exitStatus(results)
        }
        if !planned.isEmpty {
            printer.printPlans(planned.map(\.1))
            if !confirm("Rotate \(planned.count) key(s) as planned above?") {
                printer.print(results)
                return ExitStatus.error
            }
            rotator.environment.checkpoint("confirmed")
        }
        for (request, plan) in planned {
            results.append(await rotator.execute(plan, oldSecret: request.oldSecret, lock: locks[request.keyID]))
        }
        printer.print(results)
        return Self.exitStatus(results)
    }

    /// Continues unfinished rotations (one key, or all).
    func resume(keyID: String?, grace: TimeInterval?) async -> Int32 {
        let keys: [String]
        if let keyID {
            keys = [keyID]
        } else {
            do {
                keys = try rotator.unfinished().map(\.keyID)
            } catch {
                printer.print([RotationResult(keyID: "-", status: .refused, error: Self.error(error))])
                return ExitStatus.error
            }
        }
        var results: [RotationResult] = []
        for key in keys { results.append(await rotator.resume(keyID: key, grace: grace)) }
        printer.print(results)
        if keys.isEmpty { printer.note("no unfinished rotations in \(options.journalDirectory)") }
        return Self.exitStatus(results)
    }

    /// Rolls back one rotation after confirmation.
    func rollback(keyID: String) async -> Int32 {
        guard confirm("Roll back the rotation of \(keyID) (restore files, re-activate it, delete the new key)?")
        else { return ExitStatus.error }
        let result = await rotator.rollback(keyID: keyID)
        printer.print([result])
        return Self.exitStatus([result])
    }

    /// `--yes`, else a y/N question on a terminal, else refusal.
    func confirm(_ question: String) -> Bool {
        if options.yes { return true }
        guard Terminal.stdinIsTTY else {
            printer.note("refusing to change anything without --yes (no terminal to confirm on)")
            return false
        }
        Terminal.error("\(question) [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }

    static func exitStatus(_ results: [RotationResult]) -> Int32 {
        if results.contains(where: { $0.status == .stopped }) { return ExitStatus.remediationStopped }
        if results.contains(where: { $0.status == .refused }) { return ExitStatus.error }
        return ExitStatus.clean
    }

    static func error(_ error: Error) -> RemediationError {
        (error as? RemediationError) ?? .invalidArgument("\(error)")
    }
}
