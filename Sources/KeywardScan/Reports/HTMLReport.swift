import Foundation

/// One self-contained HTML file for responders: no network, no external asset. Findings grouped by
/// AWS key (account, owner, status, verification, rotation outcome), then by rule; a filter box and
/// a status menu hide rows client-side. Secrets are always redacted, even with `--show-secrets`: the
/// file is meant to be passed around.
struct HTMLReport {
    let report: ScanReport
    let options: ReportOptions
    /// The report's keys by ID (remediation and canary marks on findings).
    let keys: [String: KeyReport]

    init(report: ScanReport, options: ReportOptions) {
        self.report = report
        self.options = options
        keys = report.keyIndex()
    }

    func render() -> String {
        var body: [String] = []
        body.append("<h1>keyward report</h1>")
        body.append(
            "<p class=\"summary\">\(report.findings.count) finding(s), \(report.keys.count) AWS key(s), "
                + "\(report.filesScanned) file(s) scanned, \(report.skipped.count) skipped, \(report.errors.count) error(s)</p>")
        body.append(
            """
            <div class="filters"><input id="filter" type="search" placeholder="Filter: path, rule, key, user…" aria-label="filter">
            <select id="status" aria-label="status"><option value="">every status</option>\
            \(Self.statuses.map { "<option value=\"\($0)\">\($0)</option>" }.joined())</select>
            <span id="shown"></span></div>
            """)
        body.append(keysTable())
        body.append(findingsTable())
        if !report.skipped.isEmpty {
            body.append("<h2>Not scanned</h2><ul>")
            body += report.skipped.map { "<li>\(Self.escape($0.path)): \(Self.escape($0.reason))</li>" }
            body.append("</ul>")
        }
        if !report.errors.isEmpty {
            body.append("<h2>Errors</h2><ul>")
            body += report.errors.map { "<li>\(Self.escape($0.path)): \(Self.escape($0.message))</li>" }
            body.append("</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>keyward report</title><style>\(Self.style)</style></head>
            <body>
            \(body.joined(separator: "\n"))
            <script>\(Self.script)</script>
            </body></html>

            """
    }

    static let statuses = ["live", "invalid", "unverified", "error", "canary", "remediated", "unchecked"]

    /// The status a key's rows filter by: remediated wins, then canary, then the verification.
    static func status(_ key: KeyReport) -> String {
        if key.remediation != nil { return "remediated" }
        if key.canary { return "canary" }
        return key.verification?.status ?? "unchecked"
    }

    func keysTable() -> String {
        guard !report.keys.isEmpty else { return "<h2>AWS keys</h2><p>None.</p>" }
        var rows = ["<h2>AWS keys</h2><table id=\"keys\"><thead><tr><th>Key</th><th>Account</th><th>Owner</th>"
            + "<th>Key status</th><th>Verification</th><th>Rotation</th><th>Found at</th></tr></thead><tbody>"]
        for key in report.keys {
            let status = Self.status(key)
            let verification = key.verification.map { v in
                Self.escape(v.status + (v.method.map { " (\($0))" } ?? "") + (v.detail.map { ": \($0)" } ?? ""))
            } ?? (key.canary ? "canary: never sent" : "not checked")
            let rotation = key.remediation.map { r in
                Self.escape("rotated \(r.rotatedAt)" + (r.newKeyID.map { " → \($0)" } ?? ""))
            } ?? "—"
            let places = key.locations.map { Self.escape("\($0.path):\($0.line)" + ($0.commit.map { " @\($0.prefix(7))" } ?? "")) }
            rows.append(
                "<tr class=\"key\" data-status=\"\(status)\"><td><code>\(Self.escape(key.keyID))</code><br>"
                    + "<small>\(Self.escape(key.kind))</small></td><td>\(Self.escape(key.account ?? key.verification?.account ?? "?"))</td>"
                    + "<td>\(Self.escape(key.verification?.user ?? "?"))</td><td>\(Self.escape(key.verification?.keyStatus ?? "?"))</td>"
                    + "<td class=\"s-\(status)\">\(verification)</td><td>\(rotation)</td><td>\(places.joined(separator: "<br>"))</td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    func findingsTable() -> String {
        guard !report.findings.isEmpty else { return "<h2>Findings</h2><p>No leaks found.</p>" }
        // Grouped: each key's findings together (keys in report order), then the rest by rule.
        let order = Dictionary(report.keys.enumerated().map { ($1.keyID, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = report.findings.enumerated().sorted { lhs, rhs in
            let a = lhs.element.keyID.flatMap { order[$0] } ?? Int.max
            let b = rhs.element.keyID.flatMap { order[$0] } ?? Int.max
            if a != b { return a < b }
            if lhs.element.ruleID != rhs.element.ruleID { return lhs.element.ruleID < rhs.element.ruleID }
            return lhs.offset < rhs.offset
        }.map(\.element)
        var rows = ["<h2>Findings</h2><table id=\"findings\"><thead><tr><th>Group</th><th>Rule</th><th>Severity</th>"
            + "<th>Where</th><th>Match</th><th>Status</th></tr></thead><tbody>"]
        for finding in sorted {
            let key = finding.keyID.flatMap { keys[$0] }
            let status = key.map(Self.status) ?? "unchecked"
            let group = finding.keyID.map { "key \($0)" } ?? finding.ruleID
            let place = "\(finding.path):\(finding.line):\(finding.column)" + (finding.commit.map { " @\($0.sha.prefix(7))" } ?? "")
            rows.append(
                "<tr class=\"finding\" data-status=\"\(status)\"><td>\(Self.escape(group))</td>"
                    + "<td>\(Self.escape(finding.ruleID))<br><small>\(Self.escape(finding.description))</small></td>"
                    + "<td>\(Self.escape(finding.severity.rawValue))</td><td>\(Self.escape(place))</td>"
                    + "<td><code>\(Self.escape(finding.redactedSecret))</code></td><td class=\"s-\(status)\">\(status)</td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d1d1f}table{border-collapse:collapse;width:100%;margin:8px 0 24px}\
        th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f6}\
        code{font:12px ui-monospace,monospace}.filters{margin:12px 0}.filters input{width:320px;padding:4px}\
        .s-live{color:#b00020;font-weight:600}.s-invalid,.s-remediated{color:#1b7f3b}.s-canary{color:#8a6d00}\
        .s-error,.s-unverified,.s-unchecked{color:#555}tr.hidden{display:none}small{color:#666}
        """

    static let script = """
        (function(){var f=document.getElementById('filter'),s=document.getElementById('status'),\
        n=document.getElementById('shown');function apply(){var q=f.value.toLowerCase(),st=s.value,shown=0,\
        rows=document.querySelectorAll('tr.finding,tr.key');rows.forEach(function(r){var ok=(!q||r.textContent.toLowerCase()\
        .indexOf(q)>=0)&&(!st||r.getAttribute('data-status')===st);r.classList.toggle('hidden',!ok);\
        if(ok&&r.classList.contains('finding'))shown++;});n.textContent=shown+' finding row(s) shown';}\
        f.addEventListener('input',apply);s.addEventListener('change',apply);\
        var h=new URLSearchParams(location.hash.slice(1));if(h.get('q'))f.value=h.get('q');\
        if(h.get('status'))s.value=h.get('status');apply();})();
        """
}
