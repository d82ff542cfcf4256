import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// `keyward scan --remediate` and `keyward rotate` end to end: the real binary, a real moto_server.
@Suite(.motoServer) struct RemediateCommandTests {
    func snapshot(_ fixture: LeakFixture) throws -> [Data] {
        try (LeakFixture.files + [LeakFixture.trackedFile]).map {
            try Data(contentsOf: URL(fileURLWithPath: fixture.path($0)))
        }
    }

    @Test func scanRemediateRotatesEveryLiveKey() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "cli")
        defer { fixture.cleanup() }
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        let result = try KeywardBinary.run(
            ["scan", fixture.root.path, "--remediate", "--yes", "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(fixture.key.accessKeyID) (user \(fixture.user)): rotated"), "\(result.stderr)")
        #expect(result.stderr.contains("git-tracked, not given the new key"))
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
        let new = try EndState.newPair(fixture)
        #expect(!(result.stdout + result.stderr).contains(new.secretAccessKey))
    }

    @Test(arguments: ["plan", "creating", "create-call", "create", "verify", "replace", "deactivate", "delete"])
    func crashAfterEachStepThenResume(step: String) async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "crash")
        defer { fixture.cleanup() }
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        var environment = KeywardBinary.environment(moto)
        environment["KEYWARD_TEST_STOP_AFTER"] = step
        let crashed = try KeywardBinary.run(
            ["scan", fixture.root.path, "--remediate", "--yes", "--state-dir", fixture.stateDir.path],
            environment: environment)
        #expect(crashed.killed && crashed.status == SIGKILL, "\(crashed.status) \(crashed.stderr)")
        #expect(try await fixture.keys().count <= 2)
        let journal = try #require(try JournalStore(directory: fixture.stateDir.path).load(fixture.key.accessKeyID))
        if ["create", "verify", "replace", "deactivate"].contains(step) {
            // Until the rotation finishes, the journal holds a new secret that works.
            let secret = try #require(journal.newSecret)
            #expect(try await fixture.authenticates(
                AWSCredentials(accessKeyID: journal.newKeyID ?? "", secretAccessKey: secret)))
        }
        let resumed = try KeywardBinary.run(
            ["rotate", "--resume", "--state-dir", fixture.stateDir.path], environment: KeywardBinary.environment(moto))
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(try await fixture.keys().count == 1)
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
        let finished = try #require(try JournalStore(directory: fixture.stateDir.path).load(fixture.key.accessKeyID))
        // A key created but never journaled (its secret lost) is found and deleted on resume.
        #expect(finished.orphanKeysDeleted.count == (step == "create-call" ? 1 : 0))
        let again = try KeywardBinary.run(
            ["rotate", "--resume", fixture.key.accessKeyID, "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(again.status == 0)
    }

    @Test func dryRunChangesNothing() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "dry")
        defer { fixture.cleanup() }
        let before = try snapshot(fixture)
        let result = try KeywardBinary.run(
            ["scan", fixture.root.path, "--remediate", "--dry-run", "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Plan for \(fixture.key.accessKeyID)"), "\(result.stderr)")
        #expect(result.stderr.contains("create a new access key for user \(fixture.user)"))
        #expect(try snapshot(fixture) == before)
        let keys = try await fixture.keys()
        #expect(keys.map(\.accessKeyID) == [fixture.key.accessKeyID] && keys.first?.status == .active)
        #expect(!FileManager.default.fileExists(atPath: fixture.stateDir.path))
    }

    @Test func noTerminalAndNoYesRefusesWithExit2() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "noyes")
        defer { fixture.cleanup() }
        let before = try snapshot(fixture)
        let result = try KeywardBinary.run(
            ["rotate", fixture.key.accessKeyID, "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--yes"))
        #expect(try snapshot(fixture) == before)
        #expect(try await fixture.keys().map(\.accessKeyID) == [fixture.key.accessKeyID])
    }

    @Test func rotateOneKeyWithJSONOutputAndGraceThenResume() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "one")
        defer { fixture.cleanup() }
        let first = try KeywardBinary.run(
            ["rotate", fixture.key.accessKeyID, "--yes", "--grace", "1h", "--format", "json",
             "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(first.status == 3, "\(first.stdout) \(first.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        let result = try #require((object?["results"] as? [[String: Any]])?.first)
        #expect(result["state"] as? String == "deactivated")
        #expect(result["grace_until"] is String)
        #expect(result["new_secret"] == nil)
        let early = try KeywardBinary.run(
            ["rotate", "--resume", "--state-dir", fixture.stateDir.path], environment: KeywardBinary.environment(moto))
        #expect(early.status == 3)
        let done = try KeywardBinary.run(
            ["rotate", "--resume", "--grace", "0s", "--state-dir", fixture.stateDir.path],
            environment: KeywardBinary.environment(moto))
        #expect(done.status == 0, "\(done.stdout) \(done.stderr)")
        #expect(done.stdout.contains("rotated"))
        #expect(try await fixture.keys().count == 1)
        #expect(try await fixture.keys().first?.accessKeyID != fixture.key.accessKeyID)
    }
}
