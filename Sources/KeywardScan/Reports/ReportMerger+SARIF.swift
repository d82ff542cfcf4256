/// Merging SARIF 2.1.0 reports of keyward shards (one run each).
extension ReportMerger {
    /// The shards' SARIF documents (by shard index) as one run, with `merged` in place of the
    /// run property `shard`.
    static func mergeSARIF(_ documents: [[String: ReportJSON]], merged: ReportJSON) -> MergedReport {
        let runs = documents.compactMap { $0["runs"]?.array?.first?.object }
        let entries = runs.flatMap { run in
            (run["results"]?.array ?? []).compactMap { $0.object }.map { result in
                let physical = result["locations"]?.array?.first?["physicalLocation"]
                return Entry(
                    value: result, fingerprint: result["partialFingerprints"]?["keyward/v1"]?.string ?? "",
                    path: displayedPath(physical?["artifactLocation"]),
                    line: physical?["region"]?["startLine"]?.int ?? 0,
                    column: physical?["region"]?["startColumn"]?.int ?? 0, ruleID: result["ruleId"]?.string ?? "",
                    commit: result["properties"]?["commitSha"]?.string ?? "",
                    order: result["properties"]?["shardOrder"]?.int)
            }
        }
        let kept = ordered(entries)
        let rules = mergeRules(
            runs.flatMap { $0["tool"]?["driver"]?["rules"]?.array ?? [] }, used: Set(kept.map(\.ruleID)))
        let ruleIndex = Dictionary(
            uniqueKeysWithValues: rules.enumerated().compactMap { index, rule in
                rule["id"]?.string.map { ($0, index) }
            })
        let results: [ReportJSON] = kept.map { entry in
            var result = entry.value
            result["ruleIndex"] = .int(ruleIndex[entry.ruleID] ?? -1)
            if var properties = result["properties"]?.object {
                properties["shardOrder"] = nil
                result["properties"] = properties.isEmpty ? nil : .object(properties)
            }
            return .object(result)
        }
        let invocations = runs.compactMap { $0["invocations"]?.array?.first }
        let notifications = invocations.flatMap { $0["toolExecutionNotifications"]?.array ?? [] }
        let isRuleError: (ReportJSON) -> Bool = { $0["descriptor"]?["id"]?.string == "rule-error" }
        let errors = stableSorted(notifications.filter(isRuleError)) { lhs, rhs in
            (notePath(lhs), lhs["associatedRule"]?["id"]?.string ?? "")
                < (notePath(rhs), rhs["associatedRule"]?["id"]?.string ?? "")
        }
        let skipped = stableSorted(unique(notifications.filter { !isRuleError($0) })) { lhs, rhs in
            (notePath(lhs), lhs["message"]?["text"]?.string ?? "") < (
                notePath(rhs), rhs["message"]?["text"]?.string ?? ""
            )
        }
        let properties = runs.map { $0["properties"] }
        var run = runs.first ?? [:]
        if var tool = run["tool"]?.object, var driver = tool["driver"]?.object {
            driver["rules"] = .array(rules.map { .object($0) })
            tool["driver"] = .object(driver)
            run["tool"] = .object(tool)
        }
        run["results"] = .array(results)
        run["invocations"] = .array([
            .object([
                "executionSuccessful": .bool(invocations.allSatisfy { $0["executionSuccessful"]?.bool != false }),
                "toolExecutionNotifications": .array(errors + skipped),
            ])
        ])
        run["properties"] = .object([
            "filesScanned": sum(properties, "filesScanned"), "bytesScanned": sum(properties, "bytesScanned"),
            "suppressedExamples": sum(properties, "suppressedExamples"),
            "suppressedBaseline": sum(properties, "suppressedBaseline"),
            "suppressedAllowlist": sum(properties, "suppressedAllowlist"),
            "elapsedSeconds": longest(properties, "elapsedSeconds"), "merged": merged,
        ])
        var document = documents[0]
        document["runs"] = .array([.object(run)])

        var report = MergedReport(format: .sarif, text: ReportJSON.object(document).rendered())
        report.findings = results.count
        report.unremediatedFindings = results.filter { $0["properties"]?["remediated"]?.bool != true }.count
        report.isIncomplete = !errors.isEmpty || skipped.contains(where: isUnreadable)
        return report
    }

    /// The rules the merged results use, sorted by id; of one rule's entries (each shard writes
    /// it with its own worst severity), the most severe.
    static func mergeRules(_ rules: [ReportJSON], used: Set<String>) -> [[String: ReportJSON]] {
        var byID: [String: [String: ReportJSON]] = [:]
        for case .object(let rule) in rules {
            guard let id = rule["id"]?.string, used.contains(id) else { continue }
            if let known = byID[id], securitySeverity(known) >= securitySeverity(rule) { continue }
            byID[id] = rule
        }
        return byID.keys.sorted().compactMap { byID[$0] }
    }

    private static func securitySeverity(_ rule: [String: ReportJSON]) -> Double {
        rule["properties"]?["security-severity"]?.string.flatMap(Double.init) ?? 0
    }

    /// A SARIF artifact location's path as reports show it (percent-decoded; bytes that are not
    /// UTF-8 as `\xNN`), so results sort as the scan sorts its findings.
    static func displayedPath(_ location: ReportJSON?) -> String {
        let uri = Array((location?["uri"]?.string ?? "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < uri.count {
            if uri[index] == UInt8(ascii: "%"), index + 2 < uri.count,
                let byte = UInt8(String(decoding: uri[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(uri[index])
                index += 1
            }
        }
        return RawPath.displayed(bytes)
    }

    private static func notePath(_ note: ReportJSON) -> String {
        displayedPath(note["locations"]?.array?.first?["physicalLocation"]?["artifactLocation"])
    }

    /// A skipped-file note (`skipped PATH: REASON`) whose reason means the file could not be read.
    private static func isUnreadable(_ note: ReportJSON) -> Bool {
        let text = note["message"]?["text"]?.string ?? ""
        let prefix = "skipped \(notePath(note)): "
        guard text.hasPrefix(prefix) else { return false }
        return SkippedFile(path: notePath(note), reason: String(text.dropFirst(prefix.count))).isError
    }
}
