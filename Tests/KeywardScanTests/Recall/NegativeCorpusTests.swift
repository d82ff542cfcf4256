import Foundation
import Testing
@testable import KeywardScan

/// Precision: a deterministic corpus of ordinary text full of near misses (digests, base64 blobs,
/// UUIDs, credential-free URLs, identifiers, public keys, prose about tokens) gives no finding.
@Suite struct NegativeCorpusTests {
    /// SplitMix64: the same seed gives the same corpus on every machine.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let words = """
        the token is rotated every day and the secret stays in the vault password policy requires a \
        key account storage azure devops heroku twilio gitlab stripe webhook signature sig sv se \
        private public certificate service_account shared access connection string release build
        """.split(separator: " ").map(String.init)

    static func corpus(seed: UInt64, lines: Int) -> String {
        var rng = SeededGenerator(state: seed)
        func pick(_ alphabet: String, _ count: Int) -> String {
            let chars = Array(alphabet)
            return String((0..<count).map { _ in chars.randomElement(using: &rng)! })
        }
        let hex = "0123456789abcdef"
        let b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        var out: [String] = []
        for index in 0..<lines {
            let sentence = (0..<12).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            switch index % 16 {
            case 0: out.append(sentence + ".")
            case 1: out.append("sha256: \(pick(hex, 64))")
            case 2: out.append("\"integrity\": \"sha512-\(pick(b64, 86))==\",")
            case 3: out.append("request_id = \"\(pick(hex, 8))-\(pick(hex, 4))-4\(pick(hex, 3))-a\(pick(hex, 3))-\(pick(hex, 12))\"")
            case 4: out.append("See https://docs.acme.dev/\(pick(hex, 6))?sv=2022-11-02&sr=b&page=\(index) for details.")
            case 5: out.append("git clone ssh://git@git.acme.dev:22/team/\(pick(hex, 6)).git")
            case 6: out.append("const CACHE = \"session_AKIA\(pick(base32, 16))_v\(index)\"")
            case 7: out.append("etag: \"\(pick(b64, 40))\"  # \(sentence)")
            case 8: out.append("password: string  // \(sentence)")
            case 9: out.append("DATABASE_URL=postgres://app:${DB_PASSWORD}@db.acme.dev:5432/app")
            case 10: out.append("thumbnail: data:image/png;base64,\(pick(b64, 120))")
            case 11: out.append("commit \(pick(hex, 40)) Merge branch 'release-\(index)'")
            case 12: out.append("-----BEGIN PUBLIC KEY-----\n\(pick(b64, 64))\n\(pick(b64, 64))\n-----END PUBLIC KEY-----")
            case 13: out.append("AccountName=acme\(index);AccountKey=<your-account-key>;EndpointSuffix=core.windows.net")
            case 14: out.append("callback: https://hooks.acme.dev/in?sig=<signature>&sv=2022-11-02")
            default: out.append("| \(pick(hex, 32)) | \(words.randomElement(using: &rng)!) | \(index) |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    @Test func generatedOrdinaryTextGivesNoFinding() throws {
        let engine = try ScanTestSupport.engine()
        for (seed, path) in [(UInt64(1), "docs/notes.md"), (2, "src/app.py"), (3, "config/settings.yaml")] {
            let text = Self.corpus(seed: seed, lines: 6000)
            let findings = engine.scan(content: Array(text.utf8), path: path).findings.filter { !$0.isExample }
            #expect(findings.isEmpty, "\(path): \(findings.prefix(5).map { "\($0.ruleID) line \($0.line)" })")
        }
    }

    @Test func corpusIsDeterministic() {
        #expect(Self.corpus(seed: 7, lines: 50) == Self.corpus(seed: 7, lines: 50))
        #expect(Self.corpus(seed: 7, lines: 50) != Self.corpus(seed: 8, lines: 50))
    }
}
