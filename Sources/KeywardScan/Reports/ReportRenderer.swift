/// Turns a `ScanReport` into the bytes of one output format. Pure: the same report and options
/// always give the same string.
public enum ReportRenderer {
    /// The report in `format`, ending with a newline.
    public static func render(_ report: ScanReport, format: ReportFormat, options: ReportOptions) -> String {
        switch format {
        case .text: TextReport(report: report, options: options).render()
        case .json: JSONReport(report: report, options: options).render()
        case .sarif: SARIFReport(report: report, options: options).render()
        case .gitlab: GitLabReport(report: report, options: options).render()
        case .html: HTMLReport(report: report, options: options).render()
        }
    }
}
