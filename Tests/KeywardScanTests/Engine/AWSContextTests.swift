import Testing
@testable import KeywardScan

/// The AWS contexts issue 11 lists: a far secret in a document, a notebook cell, an ID glued into an
/// identifier, and other systems' secrets that must not become AWS keys.
@Suite struct AWSContextTests {
    typealias S = ScanTestSupport

    static let prose = """
        The staging account is used by the nightly jobs that rebuild the search index.
        Access is granted to the platform team only; ask in the channel before you use it.
        When the job fails, check the dashboard first, then the logs of the worker that ran it.

        """

    @Test func secretThirtyLinesFromItsKeyIDInProseIsPaired() throws {
        let body = String(repeating: Self.prose, count: 9)  // 27 lines: the secret is 31 lines below the ID
        let text = "# Staging\n\nAccess key: \(S.keyID)\n\n\(body)Secret:\n\n    \(S.secret)\n"
        let findings = try S.scan(text, path: "docs/staging.md").findings
        let secret = try #require(findings.first { $0.ruleID == "aws-secret-access-key" })
        #expect(secret.secret == S.secret)
        #expect(secret.keyID == S.keyID)
        #expect(secret.line == 34)
    }

    @Test func farCandidatesThatCompeteAreNotPaired() throws {
        let body = String(repeating: Self.prose, count: 5)
        let text = "id \(S.keyID)\n\(body)a: \(S.secret)\nb: \(S.otherSecret)\n"
        let findings = try S.scan(text, path: "manifest.txt").findings
        #expect(findings.map(\.ruleID) == ["aws-access-key-id"])
    }

    @Test func farPairingIsNotTakenWhenANearSecretExists() throws {
        let body = String(repeating: Self.prose, count: 5)
        let text = "id \(S.keyID)\nkey: \(S.secret)\n\(body)later: \(S.otherSecret)\n"
        let secrets = try S.scan(text).findings.filter { $0.ruleID == "aws-secret-access-key" }
        #expect(secrets.map(\.secret) == [S.secret])
    }

    @Test func keyNameFollowedByEscapedQuoteAndBracketInANotebookCell() throws {
        let cell = #"    "os.environ[\"AWS_SECRET_ACCESS_KEY\"] = \"\#(S.secret)\"\n","#
        let findings = try S.scan("{\n \"source\": [\n\(cell)\n ]\n}\n", path: "explore.ipynb").findings
        #expect(findings.map(\.ruleID) == ["aws-secret-access-key"])
        #expect(findings.first?.secret == S.secret)
        let python = "os.environ['AWS_SECRET_ACCESS_KEY'] = '\(S.otherSecret)'\n"
        #expect(try S.scan(python, path: "setup.py").findings.map(\.secret) == [S.otherSecret])
    }

    @Test(arguments: ["session_\(S.keyID)_v2", "tok_\(S.keyID)", "\(S.keyID)_expired"])
    func keyIDGluedInsideAnIdentifierIsNotReported(identifier: String) throws {
        let findings = try S.scan("const cacheKey = \"\(identifier)\"\n", path: "cache.go").findings
        #expect(findings.isEmpty)
    }

    @Test func keyIDBetweenOtherDelimitersIsStillReported() throws {
        for text in ["AWS_ACCESS_KEY_ID=\(S.keyID)", "\"\(S.keyID)\"", "id:\(S.keyID);", "(\(S.keyID))"] {
            #expect(try S.scan(text).findings.map(\.secret) == [S.keyID], "\(text)")
        }
    }

    @Test func sharedSecretKeyIsNotAnAWSSecret() throws {
        let findings = try S.scan("Configure the tunnel:\n\n    SharedSecretKey: \(S.secret)\n", path: "docs/vpn.md").findings
        #expect(!findings.contains { $0.ruleID.hasPrefix("aws-") })
        #expect(try S.scan("clientSecretKey = \"\(S.secret)\"\n").findings.allSatisfy { !$0.ruleID.hasPrefix("aws-") })
    }

    @Test func otherSystemsSecretNearAKeyIDIsNotPaired() throws {
        let table = "| AccessKeyId | \(S.keyID) |\n| SharedSecret | \(S.secret) |\n"
        #expect(try S.scan(table, path: "docs/radius.md").findings.map(\.ruleID) == ["aws-access-key-id"])
        let json = "{\"id\": \"\(S.keyID)\", \"webhook_secret\": \"\(S.secret)\"}\n"
        #expect(try !S.scan(json).findings.contains { $0.ruleID == "aws-secret-access-key" })
        // A neutral name still pairs.
        let plain = "{\"id\": \"\(S.keyID)\", \"key\": \"\(S.secret)\"}\n"
        #expect(try S.scan(plain).findings.contains { $0.ruleID == "aws-secret-access-key" })
    }
}
