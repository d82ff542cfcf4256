/// The output formats of `keyward scan --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// One line per finding, then a summary and the AWS keys; for terminals.
    case text
    /// keyward's own JSON report, version 1 (see docs/reports.md).
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// GitLab secret-detection report, schema 15.x.
    case gitlab
    /// One self-contained HTML file for responders (no network; secrets always redacted).
    case html

    /// The usual file extension for this format (`txt`, `json`, `sarif`, `gitlab.json`).
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .gitlab: "gitlab.json"
        case .html: "html"
        }
    }
}
