import Foundation
import Testing

@testable import KeywardScan

/// Machine formats validated against JSON Schemas with Python's `jsonschema` (Draft 7).
/// fixtures/schemas/README.md says where each schema comes from.
@Suite struct ReportSchemaTests {
    static let cases: [(ReportFormat, String)] = [
        (.json, "keyward-report-v1.json"),
        (.sarif, "sarif-2.1.0-subset.json"),
        (.gitlab, "gitlab-secret-detection-15-subset.json"),
    ]

    @Test(arguments: [false, true])
    func reportsValidate(showSecrets: Bool) throws {
        for (format, schema) in Self.cases {
            let out = ReportRenderer.render(
                ReportFixture.report, format: format, options: ReportFixture.options(showSecrets: showSecrets)
            )
            let errors = try SchemaValidator.errors(document: out, schema: ReportFixture.schemaFile(schema))
            #expect(errors.isEmpty, "\(format) against \(schema): \(errors)")
        }
    }

    @Test func emptyReportsValidate() throws {
        for (format, schema) in Self.cases {
            let out = ReportRenderer.render(ScanReport(), format: format, options: ReportFixture.options())
            let errors = try SchemaValidator.errors(document: out, schema: ReportFixture.schemaFile(schema))
            #expect(errors.isEmpty, "\(format) against \(schema): \(errors)")
        }
    }

    /// The published SARIF schema, when `KEYWARD_SARIF_SCHEMA` names a local copy of it.
    @Test func sarifValidatesAgainstPublishedSchemaWhenAvailable() throws {
        guard let path = ProcessInfo.processInfo.environment["KEYWARD_SARIF_SCHEMA"], !path.isEmpty else { return }
        let out = ReportRenderer.render(ReportFixture.report, format: .sarif, options: ReportFixture.options())
        let errors = try SchemaValidator.errors(document: out, schema: URL(fileURLWithPath: path))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// The harness itself can fail: broken documents are rejected.
    @Test(arguments: [
        (
            "sarif-2.1.0-subset.json",
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "k"}}, "results": [{"level": "fatal", "message": {"text": "x"}}]}]}"#
        ),
        (
            "gitlab-secret-detection-15-subset.json",
            #"{"version": "15.0.7", "vulnerabilities": [], "scan": {"type": "secret_detection"}}"#
        ),
        (
            "keyward-report-v1.json",
            #"{"version": 1, "scanned": {"files": 0, "bytes": 0, "skipped": []}, "findings": [{"rule_id": "x"}], "keys": []}"#
        ),
    ])
    func brokenDocumentsAreRejected(schema: String, document: String) throws {
        let errors = try SchemaValidator.errors(document: document, schema: ReportFixture.schemaFile(schema))
        #expect(!errors.isEmpty)
    }
}

/// Runs `python3` with `jsonschema` over one document.
enum SchemaValidator {
    static let script = """
        import json, sys
        from jsonschema import Draft7Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        Draft7Validator.check_schema(schema)
        validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            print("/" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
        """

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Validation errors, one per line; empty when the document is valid.
    static func errors(document: String, schema: URL) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keyward-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentURL = directory.appendingPathComponent("document.json")
        try Data(document.utf8).write(to: documentURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, documentURL.path]
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errorOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 jsonschema failed: " + String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
