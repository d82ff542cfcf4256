import Foundation

/// Fingerprints of findings a team has accepted (never the secrets), as written by
/// `keyward baseline create`. Fingerprints ignore line numbers, so moved lines stay baselined.
public struct Baseline: Sendable, Codable, Equatable {
    /// Format version.
    public var version = 1
    /// `sha256:` fingerprints, sorted.
    public var fingerprints: [String]

    private let lookup: Set<String>

    enum CodingKeys: String, CodingKey { case version, fingerprints }

    /// Creates a baseline from findings.
    public init(findings: [Finding]) {
        lookup = Set(findings.map(\.fingerprint))
        fingerprints = lookup.sorted()
    }

    /// Decodes a baseline file.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        fingerprints = try container.decode([String].self, forKey: .fingerprints)
        lookup = Set(fingerprints)
    }

    /// True when the fingerprint is recorded.
    public func contains(_ fingerprint: String) -> Bool {
        lookup.contains(fingerprint)
    }

    /// Reads a baseline file; a malformed one is an error naming the file and line.
    public static func load(path: String) throws(ScanError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidFile(path: path, line: 1, message: "cannot read baseline")
        }
        do {
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw .invalidFile(path: path, line: JSONErrorLine.line(of: error), message: "not a keyward baseline (JSON with \"fingerprints\")")
        }
    }

    /// The file's bytes: pretty JSON, stable order.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// Extracts "line N" from Foundation's JSON error text when it has one.
enum JSONErrorLine {
    static func line(of error: Error) -> Int {
        let text = "\(error)"
        guard let range = text.range(of: "line ") else { return 1 }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits) ?? 1
    }
}
