import Foundation
import KeywardRemediation
import KeywardScan

/// Renders a report in the chosen format to standard output or `--output FILE`.
struct ReportWriter {
    var options: OutputOptions

    func write(_ report: ScanReport, scanRoot: String) throws {
        let toFile = options.output != nil
        let rendering = ReportOptions(
            showSecrets: options.showSecrets,
            color: !toFile && !options.noColor && options.format == .text && Terminal.stdoutWantsColor,
            toolVersion: KeywardVersion.current,
            scanRoot: URL(fileURLWithPath: scanRoot).standardizedFileURL.path)
        let text = ReportRenderer.render(report, format: options.format, options: rendering)
        try Self.write(text, to: options.output, holdsSecrets: options.showSecrets)
    }

    /// Writes `text` to standard output, or to `path` (`--output`). A report that holds secrets
    /// (`--show-secrets`) is created 0600 and fsynced, never readable by others for a moment.
    static func write(_ text: String, to path: String?, holdsSecrets: Bool) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            // A regular file (or a new one) is replaced atomically; anything else that exists
            // (`/dev/null`, a FIFO, a terminal) is written to: renaming over it would replace
            // the device with a regular file.
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                guard let handle = FileHandle(forWritingAtPath: path) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            } else if holdsSecrets {
                try LocalFileSystem().writeAtomically(path, data: Data(text.utf8), mode: 0o600, owner: nil)
            } else {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            throw CLIExit.failure(ScanError.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }
}
