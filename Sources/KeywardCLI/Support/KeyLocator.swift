import Foundation
import KeywardScan

/// Finds where given AWS key IDs appear under some paths (a file scan with the default pack),
/// for rotations started outside `scan --remediate` (`keys audit --rotate-older-than … --scan PATH`).
enum KeyLocator {
    /// The scan's key entries (locations, paired secret) for the wanted key IDs found.
    static func locate(_ keyIDs: Set<String>, in paths: [String]) throws -> [String: KeyReport] {
        guard !paths.isEmpty else { return [:] }
        do {
            var setup = ScanSetup()
            setup.root = paths[0]
            let loaded = try setup.load()
            let output = try ScanRunner(engine: loaded.engine, options: loaded.runnerOptions(roots: paths)).run()
            let report = ReportAssembler(baseline: nil).assemble(
                findings: output.result.findings, skipped: output.skipped, issues: output.result.issues,
                files: output.files, bytes: output.bytes, allowlisted: output.result.allowlisted, elapsed: 0)
            return Dictionary(
                report.keys.filter { keyIDs.contains($0.keyID) }.map { ($0.keyID, $0) }, uniquingKeysWith: { a, _ in a })
        } catch {
            throw CLIExit.failure(error)
        }
    }
}
