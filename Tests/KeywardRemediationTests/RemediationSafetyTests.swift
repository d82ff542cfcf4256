import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// The defects of the remediation-safety issue, each pinned by a test against a real moto_server.
@Suite(.motoServer) struct RemediationSafetyTests {
    @Test func secondLockOnAKeyIsRefusedAndTheRunCreatesNothing() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "lock")
        defer { fixture.cleanup() }
        let rotator = fixture.rotator()
        var held: RotationLock? = try rotator.lock(fixture.key.accessKeyID)
        let lockFile = try #require(held?.path)
        let plan = try await rotator.plan(fixture.request())
        // Another rotator (as another process would) cannot take the lock, so it changes nothing.
        let other = fixture.rotator()
        #expect(throws: RemediationError.locked(keyID: fixture.key.accessKeyID, lockFile: lockFile)) {
            _ = try other.lock(fixture.key.accessKeyID)
        }
        let refused = await other.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(refused.status == .refused)
        #expect("\(refused.error.map { "\($0)" } ?? "")".contains("another keyward is rotating"))
        #expect(try await fixture.keys().count == 1)
        #expect(!FileManager.default.fileExists(atPath: JournalStore(directory: fixture.stateDir.path).path(for: fixture.key.accessKeyID)))
        // The holder goes on and finishes.
        let done = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey, lock: held)
        #expect(done.status == .done, "\(String(describing: done.error))")
        // Released, the lock is free for the next run.
        held = nil
        #expect(await other.resume(keyID: fixture.key.accessKeyID).status == .done)
    }

    @Test func firstJournalIsCreatedExclusively() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "excl")
        defer { fixture.cleanup() }
        let plan = try await fixture.rotator().plan(fixture.request())
        let store = JournalStore(directory: fixture.stateDir.path)
        try store.create(RotationJournal(plan: plan, oldSecret: nil))
        #expect(throws: RemediationError.self) { try store.create(RotationJournal(plan: plan, oldSecret: nil)) }
        // A plan made before another run journaled the key does not start a second rotation.
        let second = await fixture.rotator().execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(second.status == .refused)
        #expect(try await fixture.keys().count == 1)
    }

    @Test func aKeyCreatedBySomeoneElseBeforeTheRunIsNeverDeleted() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "theirs")
        defer { fixture.cleanup() }
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(fixture.request())
        let theirs = try await fixture.iam.createAccessKey(userName: fixture.user).credentials.accessKeyID
        let first = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(first.status == .stopped)
        guard case .userHasTwoKeys(_, let other, _)? = first.error else {
            Issue.record("expected userHasTwoKeys, got \(String(describing: first.error))")
            return
        }
        #expect(other == theirs)
        let resumed = await rotator.resume(keyID: fixture.key.accessKeyID)
        #expect(resumed.status == .stopped)
        let keys = try await fixture.keys().map(\.accessKeyID)
        #expect(Set(keys) == [fixture.key.accessKeyID, theirs])
        #expect(resumed.journal?.orphanKeysDeleted == [])
    }

    @Test func aKeyCreatedAfterALostCreateAnswerWindowSurvivesResume() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "late")
        defer { fixture.cleanup() }
        let proxy = try await FaultProxy.start(upstream: moto.server.endpoint)
        defer { proxy.stop() }
        let viaProxy = AWSConfiguration(credentials: moto.operatorCredentials, region: "us-east-1", endpointURL: proxy.endpoint)
        let rotator = fixture.rotator(configuration: viaProxy)
        try await proxy.arm([.init(action: "CreateAccessKey", fault: "drop-before-forward")])
        let first = await rotator.execute(try await rotator.plan(fixture.request()), oldSecret: fixture.key.secretAccessKey)
        #expect(first.status == .stopped)
        let store = JournalStore(directory: fixture.stateDir.path)
        var journal = try #require(try store.load(fixture.key.accessKeyID))
        let mark = try #require(journal.creating, "a lost answer keeps the create mark")
        // The responder comes back an hour later; meanwhile someone gave the user a key of their own.
        journal.creating?.at = mark.at.addingTimeInterval(-3600)
        try store.save(journal)
        let theirs = try await fixture.iam.createAccessKey(userName: fixture.user).credentials.accessKeyID
        let resumed = await rotator.resume(keyID: fixture.key.accessKeyID)
        #expect(resumed.status == .stopped)
        #expect(Set(try await fixture.keys().map(\.accessKeyID)) == [fixture.key.accessKeyID, theirs])
        #expect(resumed.journal?.orphanKeysDeleted == [])
    }

    @Test func gitErrorsStopThePlanBeforeAnyChange() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "git")
        defer { fixture.cleanup() }
        let fakeGit = fixture.root.deletingLastPathComponent().appendingPathComponent("fake-git")
        try Data("#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '/x'\" >&2\nexit 128\n".utf8)
            .write(to: fakeGit)
        chmod(fakeGit.path, 0o755)
        for checker in [GitTracking(executable: fakeGit.path), GitTracking(executable: "/nonexistent/git")] {
            let rotator = fixture.rotator(RemediationEnvironment(isTracked: { try checker.isTracked($0) }))
            do {
                _ = try await rotator.plan(fixture.request())
                Issue.record("a git failure must stop the plan")
            } catch let error as RemediationError {
                guard case .gitCheck = error else {
                    Issue.record("expected gitCheck, got \(error)")
                    continue
                }
                #expect("\(error)".contains("nothing was changed"))
            }
        }
        #expect(try await fixture.keys().map(\.accessKeyID) == [fixture.key.accessKeyID])
        #expect(!FileManager.default.fileExists(atPath: fixture.stateDir.path))
    }

    @Test func realDubiousOwnershipFailsClosed() throws {
        guard geteuid() == 0 else { return }  // chown to another user needs root (CI runs as root)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-dubious-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try LeakFixture.git(["init", "-q"], in: root)
        try Data("A=1\n".utf8).write(to: root.appendingPathComponent("x.env"))
        try LeakFixture.git(["add", "x.env"], in: root)
        #expect(try GitTracking().isTracked(root.appendingPathComponent("x.env").path))
        #expect(try !GitTracking().isTracked(root.appendingPathComponent("other.env").path))
        _ = try ProcessRunner.run("/bin/chown", ["-R", "65534:65534", root.path], environment: [:])
        // A HOME without a global config: no `safe.directory` of this machine's can vouch for the repository.
        let isolated = GitTracking(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root.path])
        #expect(throws: RemediationError.self) { try isolated.isTracked(root.appendingPathComponent("x.env").path) }
        // Outside any repository, a file is plainly not tracked (git is not even asked).
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("kw-norepo-\(UUID())/a.env")
        #expect(try !GitTracking(executable: "/nonexistent/git").isTracked(outside.path))
    }

    @Test func hostileGitConfigRunsNothingInTheTrackedCheck() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-hostile-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hooks"), withIntermediateDirectories: true)
        try LeakFixture.git(["init", "-q"], in: root)
        try Data("A=1\n".utf8).write(to: root.appendingPathComponent("x.env"))
        try LeakFixture.git(["add", "x.env"], in: root)
        let marker = root.appendingPathComponent("PWNED").path
        let evil = root.appendingPathComponent("evil.sh")
        try Data("#!/bin/sh\ntouch '\(marker)'\n".utf8).write(to: evil)
        chmod(evil.path, 0o755)
        for hook in ["pre-commit", "post-checkout", "reference-transaction", "fsmonitor-watchman"] {
            try FileManager.default.copyItem(at: evil, to: root.appendingPathComponent("hooks/\(hook)"))
        }
        for (key, value) in [
            ("core.fsmonitor", evil.path), ("core.hooksPath", root.appendingPathComponent("hooks").path),
            ("core.pager", evil.path), ("credential.helper", evil.path), ("diff.external", evil.path),
        ] {
            try LeakFixture.git(["config", key, value], in: root)
        }
        #expect(try GitTracking().isTracked(root.appendingPathComponent("x.env").path))
        #expect(try !GitTracking().isTracked(root.appendingPathComponent("y.env").path))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
