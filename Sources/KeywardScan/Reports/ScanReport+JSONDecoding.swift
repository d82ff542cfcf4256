import Foundation

/// Reading back a report keyward wrote as JSON (version 1), so that a merged JSON report can be
/// written in another format. Secrets come back only when the report was written with
/// `--show-secrets`; otherwise findings keep the redacted `match` (``Finding/knownRedaction``).
extension ScanReport {
    /// The report a version-1 JSON document describes. Throws when a key's verification or
    /// remediation record does not decode (it would be lost from the other format silently).
    static func decoded(fromJSON document: [String: ReportJSON]) throws(MergeError) -> ScanReport {
        var report = ScanReport(
            findings: (document["findings"]?.array ?? []).compactMap { $0.object }.map(decodedFinding),
            skipped: (document["scanned"]?["skipped"]?.array ?? []).compactMap { $0.object }.map { entry in
                var skipped = SkippedFile(path: entry["path"]?.string ?? "", reason: entry["reason"]?.string ?? "")
                skipped.pathBytes = entry["path_bytes"]?.string.flatMap(bytes(base64:))
                return skipped
            },
            errors: (document["errors"]?.array ?? []).map { issue in
                ScanIssue(
                    ruleID: issue["rule_id"]?.string, path: issue["path"]?.string ?? "",
                    message: issue["message"]?.string ?? "")
            },
            filesScanned: document["scanned"]?["files"]?.int ?? 0,
            bytesScanned: document["scanned"]?["bytes"]?.int ?? 0,
            suppressedExamples: document["summary"]?["suppressed_examples"]?.int ?? 0,
            suppressedByBaseline: document["summary"]?["suppressed_baseline"]?.int ?? 0,
            suppressedByAllowlist: document["summary"]?["suppressed_allowlist"]?.int ?? 0,
            elapsedSeconds: document["summary"]?["elapsed_seconds"]?.double ?? 0)
        let pathBytes = Dictionary(
            report.findings.compactMap { finding in finding.pathBytes.map { (finding.path, $0) } },
            uniquingKeysWith: { first, _ in first })
        for key in (document["keys"]?.array ?? []).compactMap({ $0.object }) {
            report.keys.append(try decodedKey(key, pathBytes: pathBytes))
        }
        if let config = document["config"]?.object {
            report.config = ConfigProvenance(
                source: config["source"]?.string ?? "", path: config["path"]?.string ?? "",
                commit: config["commit"]?.string, found: config["found"]?.bool ?? false,
                editedByChange: config["edited_by_change"]?.bool ?? false)
        }
        return report
    }

    private static func decodedFinding(_ object: [String: ReportJSON]) -> Finding {
        var secret = object["secret"]?.string
        // A key ID is shown whole: when the finding is the key ID itself, its fingerprint says so.
        if secret == nil, let keyID = object["key_id"]?.string,
            Fingerprint.of(ruleID: object["rule_id"]?.string ?? "", path: object["path"]?.string ?? "", secret: keyID)
                == object["fingerprint"]?.string
        {
            secret = keyID
        }
        var finding = Finding(
            ruleID: object["rule_id"]?.string ?? "", description: object["description"]?.string ?? "",
            severity: object["severity"]?.string.flatMap(Severity.init(rawValue:)) ?? .high,
            path: object["path"]?.string ?? "", line: object["line"]?.int ?? 0, column: object["column"]?.int ?? 0,
            endLine: object["end_line"]?.int ?? 0, endColumn: object["end_column"]?.int ?? 0, secret: secret ?? "",
            keyID: object["key_id"]?.string, byteOffset: object["byte_offset"]?.int)
        finding.fingerprint = object["fingerprint"]?.string ?? finding.fingerprint
        if secret == nil { finding.knownRedaction = object["match"]?.string ?? "…" }
        finding.pathBytes = object["path_bytes"]?.string.flatMap(bytes(base64:))
        finding.isArchiveMember = finding.path.contains("!/")
        if let commit = object["commit"]?.object {
            finding.commit = CommitInfo(
                sha: commit["sha"]?.string ?? "", author: commit["author"]?.string ?? "",
                email: commit["email"]?.string ?? "", date: commit["date"]?.string ?? "")
        }
        return finding
    }

    private static func decodedKey(_ object: [String: ReportJSON], pathBytes: [String: [UInt8]]) throws(MergeError) -> KeyReport {
        let locations = (object["locations"]?.array ?? []).map { entry in
            var location = KeyLocation(
                path: entry["path"]?.string ?? "", line: entry["line"]?.int ?? 0, commit: entry["commit"]?.string)
            location.isArchiveMember = location.path.contains("!/")
            location.pathBytes = pathBytes[location.path]
            return location
        }
        var key = KeyReport(
            keyID: object["key_id"]?.string ?? "", kind: object["kind"]?.string ?? "unknown",
            account: object["account"]?.string, secretFound: object["secret_found"]?.bool ?? false,
            secret: object["secret"]?.string, locations: locations,
            verification: nil)
        if let verification = object["verification"] {
            key.verification = try decoded(KeyVerification.self, from: verification, key: object)
        }
        key.canary = object["canary"]?.bool ?? false
        if let remediation = object["remediation"] {
            key.remediation = try decoded(KeyRemediation.self, from: remediation, key: object)
        }
        return key
    }

    /// A `Codable` model read through its own coding keys from a JSON value of `key`'s record.
    private static func decoded<T: Decodable>(_ type: T.Type, from value: ReportJSON, key: [String: ReportJSON]) throws(MergeError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(value.rendered().utf8))
        } catch {
            throw MergeError.notAReport(
                name: "the merged report",
                reason: "the \(T.self) record of key \(key["key_id"]?.string ?? "?") does not decode: \(error)")
        }
    }

    private static func bytes(base64: String) -> [UInt8]? {
        Data(base64Encoded: base64).map { Array($0) }
    }
}
