import Foundation

/// How a report is rendered: everything that is not in the `ScanReport` itself.
public struct ReportOptions: Sendable {
    /// Print secrets whole (text and JSON only; SARIF and GitLab always redact).
    public var showSecrets: Bool
    /// ANSI colors in the text format (the CLI sets this when stdout is a TTY and not `--no-color`).
    public var color: Bool
    /// keyward's version, written into SARIF and GitLab tool descriptions.
    public var toolVersion: String
    /// Absolute path of the scan root; SARIF maps `%SRCROOT%` to it when set.
    public var scanRoot: String?
    /// When the scan ended; GitLab's `end_time` (and `start_time` = this minus the elapsed time).
    public var finishedAt: Date
    /// Absolute URI of the scanned repository; SARIF `versionControlProvenance` when set.
    public var repositoryURI: String?
    /// Commit the scan ran at (with `repositoryURI`), for SARIF `versionControlProvenance`.
    public var revisionID: String?

    /// Creates rendering options; `finishedAt` defaults to now.
    public init(
        showSecrets: Bool = false, color: Bool = false, toolVersion: String = "0.0.0",
        scanRoot: String? = nil, finishedAt: Date = Date(), repositoryURI: String? = nil,
        revisionID: String? = nil
    ) {
        self.showSecrets = showSecrets
        self.color = color
        self.toolVersion = toolVersion
        self.scanRoot = scanRoot
        self.finishedAt = finishedAt
        self.repositoryURI = repositoryURI
        self.revisionID = revisionID
    }
}
