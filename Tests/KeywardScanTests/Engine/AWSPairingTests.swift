import Testing
@testable import KeywardScan

@Suite struct AWSPairingTests {
    typealias S = ScanTestSupport

    @Test func bareSecretNearKeyIDIsPaired() throws {
        let text = "id: \(S.keyID)\nsomething: else\nother: \(S.secret)\n"
        let findings = try S.scan(text).findings
        let secret = try #require(findings.first { $0.ruleID == "aws-secret-access-key" })
        #expect(secret.keyID == S.keyID)
        #expect(secret.line == 3)
        #expect(secret.column == 8)
        #expect(secret.endColumn == 48)
    }

    @Test func bareSecretOutsideWindowIsNotReported() throws {
        let filler = String(repeating: "filler line\n", count: 45)
        let text = "id: \(S.keyID)\n\(filler)other: \(S.secret)\n"
        let findings = try S.scan(text).findings
        #expect(!findings.contains { $0.ruleID == "aws-secret-access-key" })
    }

    @Test func bareFortyCharacterStringsAloneAreNotFindings() throws {
        let text = """
            const digests = ["\(S.secret)", "\(S.otherSecret)"];
            commit 9fceb02d0ae598e95dc970b74767f19372d61af8
            """
        #expect(try S.scan(text).findings.isEmpty)
    }

    @Test func gitSHAsAreNeverSecretsEvenNextToKeyIDs() throws {
        let text = "\(S.keyID)\n9fceb02d0ae598e95dc970b74767f19372d61af8\nsecret_key = 9FCEB02D0AE598E95DC970B74767F19372D61AF8\n"
        let findings = try S.scan(text).findings
        #expect(!findings.contains { $0.ruleID.hasPrefix("aws-secret") })
        #expect(findings.contains { $0.ruleID == "aws-access-key-id" })
    }

    @Test func pairingOnLongLinesStaysNearTheKeyID() throws {
        let far = String(repeating: "var a=1;", count: 500)
        let text = "cfg={id:\"\(S.keyID)\"};\(far)u=\"org/docs/Web/JavaScript/Reference/Global1\";k=\"\(S.secret)\"\n"
        let findings = try S.scan(text, path: "app.min.js").findings
        #expect(findings.map(\.ruleID) == ["aws-access-key-id"])
        let near = "cfg={id:\"\(S.keyID)\",k:\"\(S.secret)\"};\(far)\n"
        #expect(try S.scan(near, path: "app.min.js").findings.count == 2)
    }

    @Test func exampleSessionTokensAreSuppressed() throws {
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI"
        let text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_session_token = \(token)\n"
        let findings = try S.scan(text).findings
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.isExample })
    }

    @Test func namedSecretsMayHaveLongSameCaseRunsBareOnesMayNot() throws {
        let secret = "2+kB5ChSQNej9j6HTZjD/MCCNQWDUDHPJPf6IfLm"
        #expect(try S.scan("aws_secret_access_key = \(secret)\n").findings.map(\.secret) == [secret])
        #expect(try S.scan("\(S.keyID)\nvalue: \(secret)\n").findings.map(\.ruleID) == ["aws-access-key-id"])
    }

    @Test func aLineNamingTheSecretVouchesForABareValueNearAKeyID() throws {
        // `#define NAME "value"` has no separator for the rule's regex; the pairing finds it, and the
        // line's name lets through a value with a long same-case run (found missing in make bench).
        let secret = "gaePeKLZNHWVCZQCdOpsJwQJGQIydc8QZZ5WxOyg"
        let text = "#define AWS_ACCESS_KEY_ID \"\(S.keyID)\"\n#define AWS_SECRET_ACCESS_KEY \"\(secret)\"\n"
        let found = try #require(try S.scan(text, path: "if.h").findings.first { $0.ruleID == "aws-secret-access-key" })
        #expect(found.secret == secret)
        #expect(found.keyID == S.keyID)
        // Without the name the same value stays unreported.
        let unnamed = "#define AWS_ACCESS_KEY_ID \"\(S.keyID)\"\n#define AWS_OTHER_VALUE \"\(secret)\"\n"
        #expect(try S.scan(unnamed, path: "if.h").findings.map(\.ruleID) == ["aws-access-key-id"])
    }

    @Test func contextSecretPairsWithNearestKeyID() throws {
        let text = """
            [a]
            aws_access_key_id = \(S.keyID)
            aws_secret_access_key = \(S.secret)
            [b]
            aws_access_key_id = \(S.otherKeyID)
            aws_secret_access_key = \(S.otherSecret)
            """
        let secrets = try S.scan(text).findings.filter { $0.ruleID == "aws-secret-access-key" }
        #expect(secrets.map(\.keyID) == [S.keyID, S.otherKeyID])
    }

    @Test func consoleCSVPairsOnTheSameLine() throws {
        let text = "Access key ID,Secret access key\n\(S.keyID),\(S.secret)\n"
        let findings = try S.scan(text, path: "keys.csv").findings
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.keyID == S.keyID && $0.line == 2 })
    }

    @Test func documentationKeysAreFlaggedAsExamples() throws {
        let text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
        let findings = try S.scan(text).findings
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.isExample })
        let report = ReportAssembler().assemble(
            findings: findings, skipped: [], issues: [], files: 1, bytes: 1, allowlisted: 0, elapsed: 0)
        #expect(report.findings.isEmpty)
        #expect(report.suppressedExamples == 2)
        let shown = ReportAssembler(includeExamples: true).assemble(
            findings: findings, skipped: [], issues: [], files: 1, bytes: 1, allowlisted: 0, elapsed: 0)
        #expect(shown.findings.count == 2)
    }

    @Test func keysSectionGroupsByKeyIDWithAccount() throws {
        let text = "AWS_ACCESS_KEY_ID=\(S.keyID)\nAWS_SECRET_ACCESS_KEY=\(S.secret)\nlegacy=AKIAJZ5ZQL4T3KWRN2KQ\n"
        let findings = try S.scan(text, path: ".env").findings
        let report = ReportAssembler().assemble(
            findings: findings, skipped: [], issues: [], files: 1, bytes: 1, allowlisted: 0, elapsed: 0)
        #expect(report.keys.count == 2)
        let key = try #require(report.keys.first { $0.keyID == S.keyID })
        #expect(key.secretFound)
        #expect(key.account == "868635638329")
        #expect(key.locations.map(\.line) == [1, 2])
        let legacy = try #require(report.keys.first { $0.keyID == "AKIAJZ5ZQL4T3KWRN2KQ" })
        #expect(legacy.account == nil)
        #expect(!legacy.secretFound)
    }
}
