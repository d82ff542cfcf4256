/// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it. Secrets are always redacted here, even
/// with `--show-secrets`: SARIF files are uploaded and kept by other systems.
struct SARIFReport {
    let report: ScanReport
    let options: ReportOptions
    /// The report's keys by ID (remediation and canary marks on findings).
    let keys: [String: KeyReport]

    init(report: ScanReport, options: ReportOptions) {
        self.report = report
        self.options = options
        keys = report.keyIndex()
    }

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/keyward/keyward"
    static let srcRoot = "%SRCROOT%"

    func render() -> String {
        document().rendered()
    }

    func document() -> ReportJSON {
        .object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run()]),
        ])
    }

    func run() -> ReportJSON {
        let rules = report.rulesWithFindings
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        var run: [String: ReportJSON] = [
            "tool": .object([
                "driver": .object([
                    "name": .string("keyward"),
                    "informationUri": .string(Self.informationURI),
                    "semanticVersion": .string(options.toolVersion),
                    "rules": .array(rules.map { rule($0.id, $0.description, $0.severity) }),
                ])
            ]),
            "results": .array(report.findings.map { result($0, ruleIndex: ruleIndex[$0.ruleID] ?? -1) }),
            "invocations": .array([invocation()]),
            "properties": .object([
                "filesScanned": .int(report.filesScanned),
                "bytesScanned": .int(report.bytesScanned),
                "suppressedExamples": .int(report.suppressedExamples),
                "suppressedBaseline": .int(report.suppressedByBaseline),
                "suppressedAllowlist": .int(report.suppressedByAllowlist),
                "elapsedSeconds": .double(JSONReport.milliseconds(report.elapsedSeconds)),
            ]),
        ]
        if let shard = report.shard, case .object(var properties) = run["properties"] {
            properties["shard"] = JSONReport.shard(shard)
            run["properties"] = .object(properties)
        }
        if let root = options.scanRoot, root.hasPrefix("/") {
            let uri = "file://" + Self.percentEncoded(root.hasSuffix("/") ? root : root + "/")
            run["originalUriBaseIds"] = .object([Self.srcRoot: .object(["uri": .string(uri)])])
        }
        if let repository = options.repositoryURI {
            var details: [String: ReportJSON] = ["repositoryUri": .string(repository)]
            if let revision = options.revisionID { details["revisionId"] = .string(revision) }
            run["versionControlProvenance"] = .array([.object(details)])
        }
        return .object(run)
    }

    func rule(_ id: String, _ description: String, _ severity: Severity) -> ReportJSON {
        .object([
            "id": .string(id),
            "name": .string(Self.pascalCase(id)),
            "shortDescription": .object(["text": .string(description)]),
            "fullDescription": .object([
                "text": .string("\(description) (keyward rule \(id), severity \(severity.rawValue)).")
            ]),
            "defaultConfiguration": .object(["level": .string(Self.level(severity))]),
            "properties": .object([
                "tags": .array([.string("security"), .string("secret")]),
                "security-severity": .string(Self.securitySeverity(severity)),
            ]),
        ])
    }

    func result(_ finding: Finding, ruleIndex: Int) -> ReportJSON {
        var text = "\(finding.description): \(finding.redactedSecret)"
        if let keyID = finding.pairedKeyID { text += " (key \(keyID))" }
        var result: [String: ReportJSON] = [
            "ruleId": .string(finding.ruleID),
            "ruleIndex": .int(ruleIndex),
            "level": .string(Self.level(finding.severity)),
            "message": .object(["text": .string(text)]),
            "locations": .array([
                .object([
                    "physicalLocation": .object([
                        "artifactLocation": artifactLocation(finding.path, bytes: finding.pathBytes),
                        "region": .object([
                            "startLine": .int(finding.line),
                            "startColumn": .int(finding.column),
                            "endLine": .int(finding.endLine),
                            "endColumn": .int(finding.endColumn),
                        ]),
                    ])
                ])
            ]),
            "partialFingerprints": .object(["keyward/v1": .string(finding.fingerprint)]),
        ]
        var properties: [String: ReportJSON] = [:]
        if let keyID = finding.keyID {
            properties["keyId"] = .string(keyID)
            if let key = keys[keyID] {
                if key.remediation != nil { properties["remediated"] = .bool(true) }
                if key.canary { properties["canary"] = .bool(true) }
            }
        }
        if let order = finding.shardOrder { properties["shardOrder"] = .int(order) }
        if let commit = finding.commit {
            properties["commitSha"] = .string(commit.sha)
            properties["author"] = .string(commit.author)
            properties["date"] = .string(commit.date)
        }
        if !properties.isEmpty { result["properties"] = .object(properties) }
        return .object(result)
    }

    /// The run's one invocation: rule errors as warnings, skipped files as notes.
    func invocation() -> ReportJSON {
        let errors: [ReportJSON] = report.errors.map { issue in
            var note: [String: ReportJSON] = [
                "level": .string("warning"),
                "message": .object(["text": .string(issue.message)]),
                "descriptor": .object(["id": .string("rule-error")]),
                "locations": .array([
                    .object(["physicalLocation": .object(["artifactLocation": artifactLocation(issue.path)])])
                ]),
            ]
            if let ruleID = issue.ruleID { note["associatedRule"] = .object(["id": .string(ruleID)]) }
            return .object(note)
        }
        let skipped: [ReportJSON] = report.skipped.map { file in
            .object([
                "level": .string("note"),
                "message": .object(["text": .string("skipped \(file.path): \(file.reason)")]),
                "descriptor": .object(["id": .string("skipped-file")]),
                "locations": .array([
                    .object(["physicalLocation": .object(["artifactLocation": artifactLocation(file.path, bytes: file.pathBytes)])])
                ]),
            ])
        }
        return .object([
            "executionSuccessful": .bool(true),
            "toolExecutionNotifications": .array(errors + skipped),
        ])
    }

    /// A path relative to `%SRCROOT%`; a name that is not UTF-8 is percent-encoded from its raw bytes.
    func artifactLocation(_ path: String, bytes: [UInt8]? = nil) -> ReportJSON {
        let uri = bytes.map(Self.percentEncoded(bytes:)) ?? Self.percentEncoded(path)
        return .object(["uri": .string(uri), "uriBaseId": .string(Self.srcRoot)])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub's scale: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        }
    }

    /// `aws-access-key-id` → `AwsAccessKeyId`.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A path as a URI reference: every byte outside `A-Za-z0-9-._~/` percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        percentEncoded(bytes: Array(path.utf8))
    }

    static func percentEncoded(bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (byte < 16 ? "0" + hex : hex)
            }
        }
        return out
    }
}
