import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// Two `keyward scan --remediate` processes on one key, interleaved exactly by the test-only pause.
@Suite(.motoServer) struct ConcurrentRotationTests {
    @Test func aSecondRunOnTheSameKeyIsRefusedWhileTheFirstHoldsIt() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "race")
        defer { fixture.cleanup() }
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        let gate = fixture.root.deletingLastPathComponent().appendingPathComponent("go").path
        var pausing = KeywardBinary.environment(moto)
        pausing["KEYWARD_TEST_PAUSE_AT"] = "confirmed"
        pausing["KEYWARD_TEST_PAUSE_FILE"] = gate
        let arguments = ["scan", fixture.root.path, "--remediate", "--yes", "--state-dir", fixture.stateDir.path]
        let first = Task.detached { try KeywardBinary.run(arguments, environment: pausing) }
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: gate + ".paused"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(FileManager.default.fileExists(atPath: gate + ".paused"), "the first run never reached its pause")
        // The first run has planned and been confirmed, and has not written its journal yet.
        let second = try KeywardBinary.run(arguments, environment: KeywardBinary.environment(moto))
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("another keyward is rotating \(fixture.key.accessKeyID)"), "\(second.stderr)")
        #expect(try await fixture.keys().count == 1)
        _ = FileManager.default.createFile(atPath: gate, contents: nil)
        let done = try await first.value
        #expect(done.status == 1, "\(done.stderr)")
        #expect(done.stderr.contains("rotated"), "\(done.stderr)")
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
        for secret in [fixture.key.secretAccessKey, try EndState.newPair(fixture).secretAccessKey] {
            #expect(!(second.stdout + second.stderr + done.stdout + done.stderr).contains(secret))
        }
    }
}
