import ArgumentParser
import Foundation
import KeywardScan

/// `keyward baseline create FILE [PATH…]`: record current findings' fingerprints (never secrets).
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record accepted findings.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Scan PATH (default .) and write the findings' fingerprints to FILE.")

        @Argument(help: "Baseline file to write.")
        var file: String
        @Argument(help: "Files and directories to scan.")
        var paths: [String] = []
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let roots = paths.isEmpty ? ["."] : paths
            let findings: [Finding]
            do {
                let loaded = try rules.setup(root: roots[0]).load()
                let options = loaded.runnerOptions(roots: roots)
                let output = try ScanRunner(engine: loaded.engine, options: options).run()
                findings = output.result.findings.filter { !$0.isExample }
            } catch {
                throw CLIExit.failure(error)
            }
            let baseline = Baseline(findings: findings)
            do {
                try baseline.encoded().write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw CLIExit.failure(ScanError.cannotWrite(path: file, reason: error.localizedDescription))
            }
            print("keyward: \(baseline.fingerprints.count) fingerprints written to \(file)")
        }
    }
}
