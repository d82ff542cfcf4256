/// Merging keyward's JSON reports (version 1).
extension ReportMerger {
    /// The shards' JSON documents (by shard index) as one report, with `merged` in place of `shard`.
    /// Written as `output`: JSON, or SARIF rendered from the merged report read back.
    static func mergeJSON(
        _ documents: [[String: ReportJSON]], merged: ReportJSON, output: ReportFormat = .json,
        options: ReportOptions = ReportOptions()
    ) throws(MergeError) -> MergedReport {
        let entries = documents.flatMap { document in
            (document["findings"]?.array ?? []).compactMap { $0.object }.map { finding in
                Entry(
                    value: finding, fingerprint: finding["fingerprint"]?.string ?? "",
                    path: finding["path"]?.string ?? "", line: finding["line"]?.int ?? 0,
                    column: finding["column"]?.int ?? 0, ruleID: finding["rule_id"]?.string ?? "",
                    commit: finding["commit"]?["sha"]?.string ?? "", order: finding["shard_order"]?.int)
            }
        }
        var findings = ordered(entries).map { entry in
            var finding = entry.value
            finding["shard_order"] = nil
            return finding
        }
        let keys = mergeKeys(findings: findings, shardKeys: documents.flatMap { $0["keys"]?.array ?? [] })
        let remediated = Set(keys.filter { $0["remediation"] != nil }.compactMap { $0["key_id"]?.string })
        for index in findings.indices {
            if let keyID = findings[index]["key_id"]?.string, remediated.contains(keyID) {
                findings[index]["remediated"] = .bool(true)
            }
        }
        let scanned = documents.map { $0["scanned"] }
        let skipped = stableSorted(unique(documents.flatMap { $0["scanned"]?["skipped"]?.array ?? [] })) {
            ($0["path"]?.string ?? "", $0["reason"]?.string ?? "") < (
                $1["path"]?.string ?? "", $1["reason"]?.string ?? ""
            )
        }
        let errors = stableSorted(documents.flatMap { $0["errors"]?.array ?? [] }) {
            ($0["path"]?.string ?? "", $0["rule_id"]?.string ?? "") < (
                $1["path"]?.string ?? "", $1["rule_id"]?.string ?? ""
            )
        }
        let summaries = documents.map { $0["summary"] }
        var document = documents[0]
        document["shard"] = nil
        document["merged"] = merged
        document["findings"] = .array(findings.map { .object($0) })
        document["keys"] = .array(keys.map { .object($0) })
        document["scanned"] = .object([
            "files": sum(scanned, "files"), "bytes": sum(scanned, "bytes"), "skipped": .array(skipped),
        ])
        document["summary"] = .object([
            "suppressed_examples": sum(summaries, "suppressed_examples"),
            "suppressed_baseline": sum(summaries, "suppressed_baseline"),
            "suppressed_allowlist": sum(summaries, "suppressed_allowlist"),
            "elapsed_seconds": longest(summaries, "elapsed_seconds"),
        ])
        document["errors"] = .array(errors)

        let text =
            output == .sarif
            ? try sarif(fromJSON: document, merged: merged, options: options) : ReportJSON.object(document).rendered()
        var result = MergedReport(format: output, text: text)
        result.findings = findings.count
        result.unremediatedFindings = findings.filter { $0["remediated"]?.bool != true }.count
        result.liveKeys = keys.filter { $0["verification"]?["status"]?.string == "live" }.count
        result.isIncomplete = !errors.isEmpty || skipped.contains { $0["error"]?.bool == true }
        return result
    }

    /// Keys regrouped from the merged findings as a scan groups them (order of first appearance,
    /// locations in finding order), each with what the shards learned about it: the strongest
    /// verification, canary when any shard says so, a recorded rotation when any shard has one.
    static func mergeKeys(findings: [[String: ReportJSON]], shardKeys: [ReportJSON]) -> [[String: ReportJSON]] {
        var known: [String: [String: ReportJSON]] = [:]
        for case .object(let key) in shardKeys {
            guard let keyID = key["key_id"]?.string else { continue }
            guard var merged = known[keyID] else {
                known[keyID] = key
                continue
            }
            if verificationRank(key["verification"]) > verificationRank(merged["verification"]) {
                merged["verification"] = key["verification"]
            }
            if key["canary"]?.bool == true { merged["canary"] = .bool(true) }
            if merged["remediation"] == nil { merged["remediation"] = key["remediation"] }
            known[keyID] = merged
        }
        var order: [String] = []
        var groups: [String: [[String: ReportJSON]]] = [:]
        for finding in findings {
            guard let keyID = finding["key_id"]?.string else { continue }
            if groups[keyID] == nil { order.append(keyID) }
            groups[keyID, default: []].append(finding)
        }
        return order.map { keyID in
            let group = groups[keyID] ?? []
            var key = known[keyID] ?? ["key_id": .string(keyID), "kind": .string("unknown"), "account": .null]
            var locations: [ReportJSON] = []
            for finding in group {
                var location: [String: ReportJSON] = [
                    "path": finding["path"] ?? .null, "line": finding["line"] ?? .null,
                ]
                if let commit = finding["commit"]?["sha"] { location["commit"] = commit }
                if !locations.contains(.object(location)) { locations.append(.object(location)) }
            }
            key["locations"] = .array(locations)
            let secret = group.first { $0["rule_id"]?.string == "aws-secret-access-key" }
            key["secret_found"] = .bool(secret != nil)
            key["secret"] = secret?["secret"]
            return key
        }
    }

    /// How much a verification says: live (a key to rotate) over an answer from AWS (invalid) over
    /// a failed check (error) over none (unverified, no verification).
    static func verificationRank(_ verification: ReportJSON?) -> Int {
        switch verification?["status"]?.string {
        case "live": 4
        case "invalid": 3
        case "error": 2
        case .some: 1
        case nil: 0
        }
    }

    /// The merged JSON report as SARIF, exactly as `scan --format sarif` writes it (the same
    /// reporter), with the `merged` record as a run property.
    static func sarif(fromJSON document: [String: ReportJSON], merged: ReportJSON, options: ReportOptions) throws(MergeError) -> String {
        let reporter = SARIFReport(report: try ScanReport.decoded(fromJSON: document), options: options)
        guard var sarif = reporter.document().object,
            var run = sarif["runs"]?.array?.first?.object, var properties = run["properties"]?.object
        else { return reporter.render() }
        properties["merged"] = merged
        run["properties"] = .object(properties)
        sarif["runs"] = .array([.object(run)])
        return ReportJSON.object(sarif).rendered()
    }
}
