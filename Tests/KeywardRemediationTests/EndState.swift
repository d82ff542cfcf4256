import Foundation
import KeywardAWS
@testable import KeywardRemediation
import Testing

/// Checks the state a finished rotation must leave behind.
enum EndState {
    /// The new pair found in the rewritten `.env` file.
    static func newPair(_ fixture: LeakFixture) throws -> AWSCredentials {
        let lines = try fixture.text("app/.env").split(separator: "\n")
        let id = try #require(lines.first { $0.hasPrefix("AWS_ACCESS_KEY_ID=") }?.dropFirst(18))
        let secret = try #require(lines.first { $0.hasPrefix("AWS_SECRET_ACCESS_KEY=") }?.dropFirst(22))
        return AWSCredentials(accessKeyID: String(id), secretAccessKey: String(secret))
    }

    /// Old key gone, one new key that authenticates, every file rewritten and parsing, tracked file
    /// untouched, journal finished and holding no secret.
    static func expectRotated(_ fixture: LeakFixture, trackedBefore: Data) async throws {
        let old = fixture.key
        let new = try newPair(fixture)
        #expect(new.accessKeyID != old.accessKeyID)
        let keys = try await fixture.keys()
        #expect(keys.map(\.accessKeyID) == [new.accessKeyID])
        #expect(try await fixture.authenticates(new))
        for file in LeakFixture.files {
            let text = try fixture.text(file)
            #expect(text.contains(new.accessKeyID) && text.contains(new.secretAccessKey), "\(file)")
            #expect(!text.contains(old.accessKeyID) && !text.contains(old.secretAccessKey), "\(file)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try fixture.text("settings.json").utf8)) as? [String: Any]
        #expect((json?["aws"] as? [String: String])?["secret_access_key"] == new.secretAccessKey)
        let ini = try fixture.text("config/credentials")
        #expect(ini.hasPrefix("# team credentials\n[default]\nregion = us-east-1\n\n; the CI bot\n[ci]\n"))
        #expect(ini.hasSuffix("[other]\noutput = json\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile))) == trackedBefore)
        let journalPath = fixture.stateDir.appendingPathComponent("\(old.accessKeyID).json").path
        let raw = try String(contentsOfFile: journalPath, encoding: .utf8)
        for secret in [new.secretAccessKey, old.secretAccessKey] {
            // JSONEncoder writes `/` as `\/`: look for both spellings.
            #expect(!raw.contains(secret) && !raw.contains(secret.replacingOccurrences(of: "/", with: "\\/")))
        }
        #expect(raw.contains("\"state\" : \"deleted\""))
        #expect(raw.contains("\"new_secret\" : null") && raw.contains("\"old_secret\" : null"))
        #expect(mode(journalPath) == 0o600)
        #expect(mode(fixture.stateDir.path) == 0o700)
    }

    static func mode(_ path: String) -> mode_t? { LocalFileSystem().attributes(path)?.mode }
}
