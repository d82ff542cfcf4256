import Foundation

/// The cases of `fixtures/recall/*.txt` (format: fixtures/recall/README.md), read the way
/// `scripts/recall.py` reads them.
struct RecallCase: Sendable, CustomStringConvertible {
    /// What a case must give: a finding of one rule, no finding at all, or no finding of one rule.
    enum Expectation: Sendable, Equatable {
        case found(ruleID: String)
        case nothing
        case not(ruleID: String)
    }

    let caseClass: String
    let id: String
    let expectation: Expectation
    let fileName: String
    let source: String
    let body: String

    var description: String { "\(caseClass)/\(id)" }
    /// The path it is scanned under: class, case and the file name the case lives in.
    var path: String { "\(caseClass)/\(id)/\(fileName)" }

    static let directory = ScanTestSupport.repoRoot.appendingPathComponent("fixtures/recall")

    /// Every case of every class file, in file order.
    static func all() throws -> [RecallCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        return try files.flatMap { name in
            try parse(String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8),
                      caseClass: String(name.dropLast(4)))
        }
    }

    static func parse(_ text: String, caseClass: String) -> [RecallCase] {
        var cases: [RecallCase] = []
        var header: [String]?
        var lines: [Substring] = []
        func flush() {
            guard let header else { return }
            while lines.last == "" { lines.removeLast() }
            let expect = header[1]
            let expectation: Expectation =
                expect == "none" ? .nothing
                : expect.hasPrefix("not:") ? .not(ruleID: String(expect.dropFirst(4))) : .found(ruleID: expect)
            cases.append(RecallCase(
                caseClass: caseClass, id: header[0], expectation: expectation, fileName: header[2],
                source: header[3], body: lines.joined(separator: "\n") + "\n"))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                let fields = line.dropFirst(4).split(separator: "|", maxSplits: 3)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if fields.count == 4 {
                    flush()
                    header = fields
                    lines = []
                    continue
                }
            }
            lines.append(line)
        }
        flush()
        return cases
    }
}
