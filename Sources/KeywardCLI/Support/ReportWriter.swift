import Foundation
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
        guard let path = options.output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIExit.failure(ScanError.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }
}
