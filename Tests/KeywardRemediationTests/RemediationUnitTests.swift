import Foundation
@testable import KeywardRemediation
import Testing

/// Pure parts of remediation: parsing, profile editing, format checks, the journal's encoding.
struct RemediationUnitTests {
    @Test(arguments: [
        ("profile:ci", DeliveryTarget.profile(name: "ci", file: nil)),
        ("profile:ci@/tmp/creds", .profile(name: "ci", file: "/tmp/creds")),
        ("file:/run/app.env", .envFile(path: "/run/app.env")),
        ("secretsmanager:prod/ci", .secretsManager(secretID: "prod/ci")),
    ])
    func parsesDeliveryTargets(text: String, expected: DeliveryTarget) throws {
        #expect(try DeliveryTarget(parsing: text) == expected)
        #expect(expected.description == text)
    }

    @Test(arguments: ["ci", "s3:bucket", "profile:", "profile:@file"])
    func rejectsBadDeliveryTargets(text: String) {
        #expect(throws: RemediationError.self) { try DeliveryTarget(parsing: text) }
    }

    @Test func parsesGraceDurations() throws {
        #expect(try GraceDuration.parse("30m") == 1800)
        #expect(try GraceDuration.parse("24h") == 86400)
        #expect(try GraceDuration.parse("0s") == 0)
        #expect(try GraceDuration.parse("90") == 90)
        #expect(throws: RemediationError.self) { try GraceDuration.parse("soon") }
        #expect(throws: RemediationError.self) { try GraceDuration.parse("-5m") }
    }

    @Test func profileEditorKeepsOtherProfilesAndComments() {
        let before = "# top\n[default]\nregion = eu-west-1\n\n[ci]\n; rotated by hand\naws_access_key_id = OLD\n"
            + "aws_secret_access_key = OLDSECRET\naws_session_token = TOKEN\n\n[other]\noutput = json\n"
        let after = CredentialsProfileEditor.update(before, profile: "ci", keyID: "NEWID", secret: "NEWSECRET")
        #expect(after == "# top\n[default]\nregion = eu-west-1\n\n[ci]\n; rotated by hand\naws_access_key_id = NEWID\n"
            + "aws_secret_access_key = NEWSECRET\n\n[other]\noutput = json\n")
        let added = CredentialsProfileEditor.update("[default]\nregion = x\n", profile: "ci", keyID: "I", secret: "S")
        #expect(added == "[default]\nregion = x\n\n[ci]\naws_access_key_id = I\naws_secret_access_key = S\n")
    }

    @Test func formatCheckRefusesBrokenRewrites() throws {
        #expect(throws: RemediationError.self) {
            try FileFormatCheck.validate(
                path: "a.json", original: "{\"k\": \"OLD\"}", rewritten: "{\"k\": \"NEW\"", size: 11, expectedSize: 11,
                expect: "NEW", gone: ["OLD"])
        }
        #expect(throws: RemediationError.self) {
            try FileFormatCheck.validate(
                path: "x.env", original: "A=OLD\n", rewritten: "A=NEW\nB=1\n", size: 10, expectedSize: 10,
                expect: "NEW", gone: ["OLD"])
        }
        #expect(throws: RemediationError.self) {
            try FileFormatCheck.validate(
                path: "x.yaml", original: "a: OLD", rewritten: "a: NEW OLD", size: 10, expectedSize: 6,
                expect: "NEW", gone: ["OLD"])
        }
        try FileFormatCheck.validate(
            path: "x.env", original: "A=OLD\n", rewritten: "A=NEW\n", size: 6, expectedSize: 6, expect: "NEW",
            gone: ["OLD"])
    }

    @Test func journalRoundTripsAndIsPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kw-journal-\(UUID())/state")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let store = JournalStore(directory: directory.path)
        let plan = RotationPlan(
            keyID: "AKIAJ2KXQ7WBN4RTY5UP", user: "ci", account: "123456789012", mode: "operator",
            existingKeys: [.init(keyID: "AKIAJ2KXQ7WBN4RTY5UP", status: "Active")], inactiveKeyToDelete: nil,
            quarantinePolicies: [], lastUsed: Date(timeIntervalSince1970: 1_700_000_000.25), lastUsedService: "s3",
            filesToRewrite: ["/a/b.env"], trackedFiles: [], redactTracked: false,
            deliveries: [.profile(name: "ci", file: nil)], grace: 60, alreadyHandled: nil, steps: ["x"])
        var journal = RotationJournal(plan: plan, oldSecret: "old/secret")
        journal.newKeyID = "AKIAQ3VZ5WXMPL4BTK7D"
        journal.deactivatedAt = Date(timeIntervalSince1970: 1_700_000_100.5)
        try store.save(journal)
        #expect(try store.load("AKIAJ2KXQ7WBN4RTY5UP") == journal)
        #expect(try store.all().map(\.keyID) == ["AKIAJ2KXQ7WBN4RTY5UP"])
        let raw = try String(contentsOfFile: store.path(for: journal.keyID), encoding: .utf8)
        #expect(raw.contains("\"new_key_id\" : \"AKIAQ3VZ5WXMPL4BTK7D\""))
        #expect(LocalFileSystem().attributes(store.path(for: journal.keyID))?.mode == 0o600)
        #expect(LocalFileSystem().attributes(directory.path)?.mode == 0o700)
    }
}
