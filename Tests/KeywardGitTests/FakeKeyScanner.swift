import KeywardGit
import KeywardScan

/// Fake AWS-shaped keys for fixtures (random, never AWS's documentation values).
enum FakeKey {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// A fresh `AKIA` + 16 characters of `A-Z2-7`.
    static func accessKeyID() -> String {
        "AKIA" + String((0..<16).map { _ in alphabet.randomElement() ?? "Q" })
    }
}

/// A minimal content scanner for these tests: finds `AKIA[A-Z2-7]{16}` byte-exactly.
enum FakeKeyScanner {
    /// Scans bytes; 1-based line and byte column like the real engine.
    static let scan: ContentScanner = { content, path in
        var findings: [Finding] = []
        let prefix = Array("AKIA".utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < content.count {
            if content[index] == 0x0A {
                line += 1
                lineStart = index + 1
            } else if index + 20 <= content.count, Array(content[index..<(index + 4)]) == prefix,
                content[(index + 4)..<(index + 20)].allSatisfy(isKeyByte)
            {
                let secret = String(decoding: content[index..<(index + 20)], as: UTF8.self)
                let column = index - lineStart + 1
                findings.append(
                    Finding(
                        ruleID: "aws-access-key-id", description: "AWS access key ID", severity: .high,
                        path: path, line: line, column: column, endLine: line, endColumn: column + 20,
                        secret: secret, keyID: secret))
                index += 20
                continue
            }
            index += 1
        }
        return (findings, [])
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "2") && byte <= UInt8(ascii: "7"))
    }
}

extension TestRepository {
    /// Scans this repository in `mode` with ``FakeKeyScanner``.
    func scan(_ mode: GitScanMode, parallelism: Int = 2) throws -> GitScanResult {
        try GitScanner(repository: open(), scanner: FakeKeyScanner.scan, parallelism: parallelism).scan(mode)
    }
}
