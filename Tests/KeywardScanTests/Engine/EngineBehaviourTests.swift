import Foundation
import Testing
@testable import KeywardScan

@Suite struct EngineBehaviourTests {
    typealias S = ScanTestSupport

    @Test(arguments: ["keyward:allow", "gitleaks:allow", "trufflehog:ignore", "pragma: allowlist secret"])
    func inlineMarkersSilenceTheirLine(marker: String) throws {
        let text = "key = \"\(S.keyID)\" # \(marker)\nother = \"\(S.otherKeyID)\"\n"
        let result = try S.scan(text)
        #expect(result.findings.map(\.secret) == [S.otherKeyID])
        #expect(result.allowlisted == 1)
    }

    @Test func inlineMarkerCountsOnlyOnItsOwnLineAndInItsOwnCase() throws {
        let text = "# keyward:allow\nkey = \"\(S.keyID)\" # KEYWARD:ALLOW\nother = \"\(S.otherKeyID)\"\n"
        let result = try S.scan(text)
        #expect(result.findings.map(\.secret) == [S.keyID, S.otherKeyID])
        #expect(result.allowlisted == 0)
    }

    @Test func inlineMarkerFarAlongAMinifiedLineStillSilencesIt() throws {
        let filler = String(repeating: "var a=1;", count: 200_000)
        let text = "x=\"\(S.keyID)\";\(filler)/* gitleaks:allow */\ny=\"\(S.otherKeyID)\"\n"
        let result = try S.scan(text)
        #expect(result.findings.map(\.secret) == [S.otherKeyID])
        #expect(result.allowlisted == 1)
    }

    @Test func inlineMarkerIsFoundWhenThePrefilterStoppedCountingIt() throws {
        // More markers than the prefilter counts per chunk: the line is searched instead.
        let crowd = String(repeating: "keyward:allow\n", count: KeywordPrefilter.occurrenceCap + 1)
        let text = crowd + "key = \"\(S.keyID)\" # keyward:allow\nother = \"\(S.otherKeyID)\"\n"
        let result = try S.scan(text)
        #expect(result.findings.map(\.secret) == [S.otherKeyID])
        #expect(result.allowlisted == 1)
    }

    @Test func configAllowlistValuesAndStopwords() throws {
        let text = "a = \(S.keyID)\nb = \(S.otherKeyID)\n"
        let byRegex = try S.scan(text, engine: S.engine(RuleAllowlist(regexes: ["TIQC$"])))
        #expect(byRegex.findings.map(\.secret) == [S.otherKeyID])
        let byStopword = try S.scan(text, engine: S.engine(RuleAllowlist(stopwords: ["qni34"])))
        #expect(byStopword.findings.map(\.secret) == [S.keyID])
    }

    @Test func ruleAllowlistAndEntropy() throws {
        let rule = Rule(
            id: "test-token", description: "test", severity: .low, regex: #"tok_([A-Za-z0-9]{12})"#,
            keywords: ["tok_"], secretGroup: 1, minEntropy: 2.5,
            allowlist: RuleAllowlist(stopwords: ["dummy"]))
        let engine = try ScanEngine(rules: [rule])
        let found = engine.scan(content: Array("tok_a8Fk2LmQ9zXw tok_aaaaaaaaaaaa tok_dummyA8Fk2Lm".utf8), path: "x")
        #expect(found.findings.map(\.secret) == ["a8Fk2LmQ9zXw"])
        #expect(found.allowlisted == 1)
    }

    @Test func runawayRegexIsStoppedAndReported() throws {
        let rule = Rule(id: "evil", description: "catastrophic", severity: .low, regex: #"(x+x+)+y"#, keywords: ["xxxx"])
        let good = Rule(id: "good", description: "ok", severity: .low, regex: "GOOD[0-9]{4}", keywords: ["good"])
        let engine = try ScanEngine(rules: [rule, good])
        let text = String(repeating: "x", count: 40) + " GOOD1234 y"
        let started = Date()
        let result = engine.scan(content: Array(text.utf8), path: "evil.txt")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.issues.contains { $0.ruleID == "evil" && $0.path == "evil.txt" })
        #expect(result.findings.map(\.ruleID) == ["good"])
    }

    @Test func invalidUTF8IsScanned() throws {
        var bytes: [UInt8] = [0xFF, 0xFE, 0xC3, 0x28, 0x0A]
        bytes += Array("key=\(S.keyID)\n".utf8)
        bytes += [0xE2, 0x82]
        let result = try S.engine().scan(content: bytes, path: "latin1.txt")
        #expect(result.findings.first?.secret == S.keyID)
        #expect(result.findings.first?.line == 2)
    }

    @Test func kubernetesSecretValuesAreDecoded() throws {
        let id = Data(S.keyID.utf8).base64EncodedString()
        let secret = Data(S.secret.utf8).base64EncodedString()
        let text = "apiVersion: v1\nkind: Secret\ndata:\n  AWS_ACCESS_KEY_ID: \(id)\n  AWS_SECRET_ACCESS_KEY: \(secret)\n"
        let findings = try S.scan(text, path: "secret.yaml").findings
        #expect(findings.map(\.ruleID).sorted() == ["aws-access-key-id", "aws-secret-access-key"])
        let keyFinding = try #require(findings.first { $0.ruleID == "aws-access-key-id" })
        #expect(keyFinding.line == 4)
        #expect(keyFinding.column == 22)
        #expect(findings.allSatisfy { $0.keyID == S.keyID })
        // Not a Secret manifest: base64 is left alone.
        #expect(try S.scan(text.replacingOccurrences(of: "kind: Secret", with: "kind: ConfigMap"), path: "cm.yaml").findings.isEmpty)
    }

    /// The manifest check is skipped where the prefilter saw no `secret`; a rule set without that
    /// keyword has nothing to ask, so the check must still run (never a missed manifest).
    @Test func kubernetesSecretDecodedWithoutASecretKeyword() throws {
        let rules = RuleLoader.defaultRules().filter { rule in
            !rule.keywords.contains { $0.lowercased() == "secret" }
        }
        let engine = try ScanEngine(rules: rules)
        #expect(engine.prefilter.secretWordPattern == nil)
        let id = Data(S.keyID.utf8).base64EncodedString()
        let text = "apiVersion: v1\nkind: Secret\ndata:\n  AWS_ACCESS_KEY_ID: \(id)\n"
        let findings = engine.scan(content: Array(text.utf8), path: "secret.yaml").findings
        #expect(findings.map(\.secret) == [S.keyID])
        // With the default pack the word is a prefilter pattern, and the manifest is still decoded.
        #expect(try S.engine().prefilter.secretWordPattern != nil)
        #expect(try S.scan(text, path: "secret.yaml").findings.map(\.secret) == [S.keyID])
    }

    @Test func longPEMKeysAreFoundWhole() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var generator = SystemRandomNumberGenerator()
        let body = (0..<26).map { _ in String((0..<64).map { _ in alphabet[Int(generator.next() % 64)] }) }
        let pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body.joined(separator: "\n") + "\n-----END RSA PRIVATE KEY-----\n"
        let findings = try S.scan("# deploy key\n" + pem, path: "id_rsa").findings
        let finding = try #require(findings.first { $0.ruleID == "private-key" })
        #expect(finding.line == 2)
        #expect(finding.endLine == 29)
    }

    @Test func redactionNeverShowsMostOfTheSecret() {
        let redacted = Redaction.redact(S.secret)
        #expect(redacted == "CqGN…N8U")
        #expect(Redaction.redact("short") == "…")
    }

    @Test func fingerprintIgnoresLineNumbers() throws {
        let a = try S.scan("x = \(S.keyID)\n").findings
        let b = try S.scan("\n\n\nx = \(S.keyID)\n").findings
        #expect(a.first?.fingerprint == b.first?.fingerprint)
        #expect(a.first?.fingerprint.hasPrefix("sha256:") == true)
    }
}
