import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// The state machine against a real moto_server.
@Suite(.motoServer) struct RotatorMotoTests {
    @Test func rotatesFilesDeliveriesAndDeletesTheOldKey() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "lib")
        defer { fixture.cleanup() }
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        let home = fixture.root.deletingLastPathComponent().path
        let profileFile = home + "/aws-credentials"
        try Data("# mine\n[default]\naws_access_key_id = AKIAJ2KXQ7WBN4RTY5UP\naws_secret_access_key = x\n".utf8)
            .write(to: URL(fileURLWithPath: profileFile))
        let secretName = "keyward/\(fixture.user)"
        let deliveries: [DeliveryTarget] = [
            .profile(name: "ci", file: profileFile), .envFile(path: home + "/new.env"),
            .secretsManager(secretID: secretName),
        ]
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(fixture.request(deliveries: deliveries))
        #expect(plan.user == fixture.user)
        #expect(plan.trackedFiles == [fixture.path(LeakFixture.trackedFile)])
        #expect(plan.filesToRewrite.count == LeakFixture.files.count)
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        #expect(result.stepsDone == ["plan", "creating", "create", "verify", "replace", "deactivate", "deny-sessions", "check-use", "delete"])
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
        let new = try EndState.newPair(fixture)
        let profile = try String(contentsOfFile: profileFile, encoding: .utf8)
        #expect(profile.hasPrefix("# mine\n[default]\naws_access_key_id = AKIAJ2KXQ7WBN4RTY5UP\n"))
        #expect(profile.contains("[ci]\naws_access_key_id = \(new.accessKeyID)\naws_secret_access_key = \(new.secretAccessKey)\n"))
        #expect(try String(contentsOfFile: home + "/new.env", encoding: .utf8)
            == "AWS_ACCESS_KEY_ID=\(new.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(new.secretAccessKey)\n")
        #expect(EndState.mode(home + "/new.env") == 0o600)
        let stored = try await SecretsManagerClient(configuration: moto.configuration).getSecretValue(secretID: secretName)
        let object = try JSONSerialization.jsonObject(with: Data((stored.secretString ?? "").utf8)) as? [String: String]
        #expect(object == ["AWS_ACCESS_KEY_ID": new.accessKeyID, "AWS_SECRET_ACCESS_KEY": new.secretAccessKey])
        // Backups lived in the 0700 state directory, never in the tree, and went with the old key.
        let rewritten = result.journal?.rewritten ?? []
        #expect(rewritten.count == LeakFixture.files.count)
        for file in rewritten {
            #expect(file.backup.hasPrefix(fixture.stateDir.path + "/backups/"), "\(file.backup)")
            #expect(!FileManager.default.fileExists(atPath: file.backup))
        }
        #expect(result.journal?.backupsRemoved == true)
        let treeFiles = FileManager.default.enumerator(atPath: fixture.root.path)?.allObjects as? [String] ?? []
        #expect(!treeFiles.contains { $0.contains("keyward-backup") || $0.contains("keyward-tmp") }, "\(treeFiles)")
    }

    @Test func selfRotationWithTheLeakedKeyNeedsNoOperator() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "self")
        defer { fixture.cleanup() }
        try await fixture.iam.putUserPolicy(
            userName: fixture.user, policyName: "self", policyDocument: MotoServer.allowAllPolicy)
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        var request = fixture.request()
        request.actAsLeakedKey = true
        // moto does not evaluate policy conditions: the aws:TokenIssueTime deny would also stop the user's
        // own long-term key there (on AWS a condition key absent from the request never matches). The
        // session denial is covered in operator mode (IncidentClosingTests).
        request.keepSessions = true
        let rotator = fixture.rotator(configuration: moto.server.configuration(credentials: nil))
        let plan = try await rotator.plan(request)
        #expect(plan.mode == "leaked-key")
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
    }

    @Test func userWithTwoKeysIsRefusedUnlessTheOtherIsInactiveAndMayGo() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "two", extraKeys: 1)
        defer { fixture.cleanup() }
        let rotator = fixture.rotator()
        await #expect(throws: RemediationError.self) { try await rotator.plan(fixture.request()) }
        let other = try #require(try await fixture.keys().first { $0.accessKeyID != fixture.key.accessKeyID })
        try await fixture.iam.updateAccessKey(accessKeyID: other.accessKeyID, status: .inactive, userName: fixture.user)
        do {
            _ = try await rotator.plan(fixture.request())
            Issue.record("an inactive second key without --delete-inactive must refuse")
        } catch let error as RemediationError {
            #expect("\(error)".contains("--delete-inactive"))
        }
        #expect(try await fixture.keys().count == 2)
        var request = fixture.request()
        request.deleteInactive = true
        let plan = try await rotator.plan(request)
        #expect(plan.inactiveKeyToDelete == other.accessKeyID)
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        #expect(try await fixture.keys().map(\.accessKeyID) == [try EndState.newPair(fixture).accessKeyID])
    }

    @Test func quarantinePolicyIsReportedInThePlan() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "quar")
        defer { fixture.cleanup() }
        let arn = try await fixture.iam.createPolicy(
            name: "AWSCompromisedKeyQuarantineV2-\(fixture.user)", policyDocument: MotoServer.allowAllPolicy)
        try await fixture.iam.attachUserPolicy(userName: fixture.user, policyArn: arn)
        let plan = try await fixture.rotator().plan(fixture.request())
        #expect(plan.quarantinePolicies == ["AWSCompromisedKeyQuarantineV2-\(fixture.user)"])
    }

    @Test func inactiveOrDeletedKeyCreatesNothing() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "done")
        defer { fixture.cleanup() }
        try await fixture.iam.updateAccessKey(
            accessKeyID: fixture.key.accessKeyID, status: .inactive, userName: fixture.user)
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(fixture.request())
        #expect(plan.alreadyHandled == .inactive)
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .alreadyHandled)
        #expect(try await fixture.keys().map(\.accessKeyID) == [fixture.key.accessKeyID])
        try await fixture.iam.deleteAccessKey(accessKeyID: fixture.key.accessKeyID, userName: fixture.user)
        #expect(try await rotator.plan(fixture.request()).alreadyHandled == .deleted)
        #expect(try await fixture.keys().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.stateDir.path))
    }

    @Test func graceStopsAfterDeactivationAndResumeDeletesLater() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "grace")
        defer { fixture.cleanup() }
        let clock = TestClock()
        let rotator = fixture.rotator(RemediationEnvironment(clock: clock))
        let plan = try await rotator.plan(fixture.request(grace: 3600))
        let first = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(first.status == .stopped)
        #expect(first.graceUntil != nil)
        #expect(first.journal?.state == .deactivated)
        let old = try #require(try await fixture.keys().first { $0.accessKeyID == fixture.key.accessKeyID })
        #expect(old.status == .inactive)
        clock.advance(600)
        #expect(await rotator.resume(keyID: fixture.key.accessKeyID).status == .stopped)
        clock.advance(3600)
        let done = await rotator.resume(keyID: fixture.key.accessKeyID)
        #expect(done.status == .done, "\(String(describing: done.error))")
        #expect(try await fixture.keys().map(\.accessKeyID) == [try EndState.newPair(fixture).accessKeyID])
    }

    @Test func rollbackAfterDeactivationRestoresEverything() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "back")
        defer { fixture.cleanup() }
        let before = try LeakFixture.files.map { try fixture.text($0) }
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(fixture.request(grace: 3600))
        let stopped = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(stopped.journal?.state == .deactivated)
        let rolledBack = await rotator.rollback(keyID: fixture.key.accessKeyID)
        #expect(rolledBack.status == .rolledBack, "\(String(describing: rolledBack.error))")
        let keys = try await fixture.keys()
        #expect(keys.map(\.accessKeyID) == [fixture.key.accessKeyID])
        #expect(keys.first?.status == .active)
        #expect(try LeakFixture.files.map { try fixture.text($0) } == before)
        #expect(await rotator.rollback(keyID: fixture.key.accessKeyID).status == .refused)
    }

    @Test func unwritableFileStopsBeforeDeactivation() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "ro")
        defer { fixture.cleanup() }
        let rotator = fixture.rotator(RemediationEnvironment(fileSystem: FailingFileSystem(failing: fixture.path("deploy.yaml"))))
        let plan = try await rotator.plan(fixture.request())
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .stopped)
        #expect(result.journal?.state == .verified)
        guard case .file(let path, _)? = result.error else {
            Issue.record("expected a file error, got \(String(describing: result.error))")
            return
        }
        #expect(path == fixture.path("deploy.yaml"))
        #expect(try fixture.text("deploy.yaml").contains(fixture.key.secretAccessKey))
        let old = try #require(try await fixture.keys().first { $0.accessKeyID == fixture.key.accessKeyID })
        #expect(old.status == .active)
        #expect(try await fixture.keys().count == 2)
        // The new secret stays recoverable from the journal until the rotation finishes.
        let journal = try #require(try rotator.journal(for: fixture.key.accessKeyID))
        let newSecret = try #require(journal.newSecret)
        #expect(try await fixture.authenticates(
            AWSCredentials(accessKeyID: journal.newKeyID ?? "", secretAccessKey: newSecret)))
        // Resuming with a working file system finishes the job.
        let resumed = await fixture.rotator().resume(keyID: fixture.key.accessKeyID)
        #expect(resumed.status == .done, "\(String(describing: resumed.error))")
        #expect(try await fixture.keys().count == 1)
    }

    @Test func redactTrackedReplacesTheOldSecretByAPlaceholderOnly() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "redact")
        defer { fixture.cleanup() }
        var request = fixture.request()
        request.redactTracked = true
        let rotator = fixture.rotator()
        let result = await rotator.execute(try await rotator.plan(request), oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        let tracked = try fixture.text(LeakFixture.trackedFile)
        let new = try EndState.newPair(fixture)
        #expect(tracked == "AWS_ACCESS_KEY_ID=\(fixture.key.accessKeyID)\nAWS_SECRET_ACCESS_KEY=REDACTED-BY-KEYWARD\n")
        #expect(!tracked.contains(new.accessKeyID) && !tracked.contains(new.secretAccessKey))
    }
}

/// Closing the incident: older sessions denied, quarantine released on request.
@Suite(.motoServer) struct IncidentClosingTests {
    @Test func sessionsBeforeTheDeactivationAreDeniedAndRollbackLiftsIt() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "sess")
        defer { fixture.cleanup() }
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(fixture.request(grace: 3600))
        #expect(plan.steps.contains { $0.hasPrefix("deny every session user \(fixture.user) started before the deactivation") })
        let stopped = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(stopped.journal?.state == .deactivated)
        let name = "keyward-deny-sessions-before-\(fixture.key.accessKeyID)"
        #expect(stopped.journal?.sessionDenyPolicy == name)
        let document = try await fixture.iam.getUserPolicy(userName: fixture.user, policyName: name)
        let at = try #require(stopped.journal?.deactivatedAt)
        let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.up)))
        #expect(document.contains(#""DateLessThan":{"aws:TokenIssueTime":"\#(stamp)"}"#), "\(document)")
        #expect(document.contains(#""Effect":"Deny","Action":"*""#))
        let rolledBack = await rotator.rollback(keyID: fixture.key.accessKeyID)
        #expect(rolledBack.status == .rolledBack, "\(String(describing: rolledBack.error))")
        await #expect(throws: AWSError.self) { try await fixture.iam.getUserPolicy(userName: fixture.user, policyName: name) }
    }

    @Test func keepSessionsSkipsThePolicy() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "keep")
        defer { fixture.cleanup() }
        var request = fixture.request()
        request.keepSessions = true
        let rotator = fixture.rotator()
        let result = await rotator.execute(try await rotator.plan(request), oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        #expect(result.journal?.sessionDenyPolicy == nil)
        await #expect(throws: AWSError.self) {
            try await fixture.iam.getUserPolicy(userName: fixture.user, policyName: "keyward-deny-sessions-before-\(fixture.key.accessKeyID)")
        }
    }

    @Test func quarantineIsReleasedOnlyOnRequestAndTheLedgerRecordsTheRotation() async throws {
        let moto = try #require(MotoContext.current)
        for release in [false, true] {
            let fixture = try await LeakFixture.make(moto, prefix: release ? "rel" : "norel")
            defer { fixture.cleanup() }
            let name = "AWSCompromisedKeyQuarantineV2-\(fixture.user)"
            let arn = try await fixture.iam.createPolicy(name: name, policyDocument: MotoServer.allowAllPolicy)
            try await fixture.iam.attachUserPolicy(userName: fixture.user, policyArn: arn)
            var request = fixture.request()
            request.releaseQuarantine = release
            let rotator = fixture.rotator()
            let plan = try await rotator.plan(request)
            #expect(plan.steps.contains { $0.contains(release ? "detach AWS's quarantine policies \(name)" : "leave AWS's quarantine policies \(name) attached") })
            let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
            #expect(result.status == .done, "\(String(describing: result.error))")
            let attached = try await fixture.iam.listAttachedUserPolicies(userName: fixture.user).map(\.policyName)
            #expect(attached == (release ? [] : [name]))
            let entries = try RemediationLedger(path: JournalStore(directory: fixture.stateDir.path).ledgerPath).entries()
            #expect(entries.map(\.keyID) == [fixture.key.accessKeyID])
            #expect(entries.first?.newKeyID == result.journal?.newKeyID && entries.first?.user == fixture.user)
            #expect(EndState.mode(fixture.stateDir.path + "/ledger.json") == 0o600)
        }
    }
}
