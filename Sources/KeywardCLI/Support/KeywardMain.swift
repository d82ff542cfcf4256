import ArgumentParser
import Foundation
import KeywardScan

/// Parses the command line, runs the command and exits with keyward's exit codes:
/// 0 clean, 1 leaks, 2 usage/config/input error, 3 remediation stopped.
public enum KeywardMain {
    /// Runs keyward with the process arguments and exits.
    public static func run() async -> Never {
        do {
            let arguments = AWSOptions.normalize(Array(CommandLine.arguments.dropFirst()))
            var command = try KeywardCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let exit as CLIExit {
            if let message = exit.message { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(exit.code)
        } catch {
            let code = KeywardCommand.exitCode(for: error)
            if code == .success {
                print(KeywardCommand.fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = KeywardCommand.fullMessage(for: error)
            FileHandle.standardError.write(Data(("keyward: " + message + "\n").utf8))
            Foundation.exit(ExitStatus.error)
        }
    }
}

/// Exit statuses (DESIGN.md): findings and failures never share one.
public enum ExitStatus {
    /// No leaks.
    public static let clean: Int32 = 0
    /// Leaks found (or `--exit-code N`).
    public static let leaks: Int32 = 1
    /// Usage, config or input error.
    public static let error: Int32 = 2
    /// Remediation stopped before finishing; `--resume` continues.
    public static let remediationStopped: Int32 = 3
}

/// Ends the command with an exit status and an optional one-line message on stderr.
struct CLIExit: Error {
    var code: Int32
    var message: String?

    /// An error exit (status 2) for any library error, printed as `keyward: <description>`.
    static func failure(_ error: Error) -> CLIExit {
        CLIExit(code: ExitStatus.error, message: "keyward: \(error)")
    }

    /// Exit 2 after the report when a rule or a file could not be scanned (`--allow-errors` skips it).
    static func incomplete(_ report: ScanReport) -> CLIExit {
        let rules = report.errors.count
        let files = report.fileErrors.count
        let parts = [
            rules > 0 ? "\(rules) rule \(rules == 1 ? "error" : "errors")" : nil,
            files > 0 ? "\(files) unreadable \(files == 1 ? "file" : "files")" : nil,
        ].compactMap { $0 }
        return CLIExit(
            code: ExitStatus.error,
            message: "keyward: scan incomplete (\(parts.joined(separator: ", ")); see the report): "
                + "exit 2; --allow-errors exits as if the scan were complete")
    }
}
