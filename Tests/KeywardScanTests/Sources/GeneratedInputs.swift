import Foundation
import TestSupport

@testable import KeywardScan

/// Test inputs built at test time by `fixtures/archives/make.py` (archives, `.pyc`, SQLite…),
/// each holding ``ScanTestSupport/keyID`` and ``ScanTestSupport/secret``.
enum GeneratedInputs {
    /// Builds the inputs of `kind` into `directory`.
    static func make(_ kind: String, in directory: URL) throws {
        let script = Fixtures.url("archives/make.py").path
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["python3", script, directory.path, kind, ScanTestSupport.keyID, ScanTestSupport.secret],
            environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw GenerationFailed(message: "make.py \(kind) failed: \(result.stderr)")
        }
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

extension ScanReport {
    /// Skip reasons by path.
    var skipReasons: [String: String] {
        Dictionary(skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }

    /// Paths of the findings of `rule`.
    func paths(of rule: String) -> Set<String> {
        Set(findings.filter { $0.ruleID == rule }.map(\.path))
    }
}
