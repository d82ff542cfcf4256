import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// Rewrites never leave the tree nor follow links; the plan sees every file it cannot rewrite;
/// Kubernetes Secrets are rewritten inside their base64 values; backups stay out of the tree.
@Suite(.motoServer) struct RewriteSafetyTests {
    @Test func aLinkToAFileOutsideTheTreeIsNeverWritten() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "link")
        defer { fixture.cleanup() }
        let outside = fixture.root.deletingLastPathComponent().appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let target = outside.appendingPathComponent("prod.env")
        let leaked = "AWS_ACCESS_KEY_ID=\(fixture.key.accessKeyID)\nAWS_SECRET_ACCESS_KEY=\(fixture.key.secretAccessKey)\n"
        try Data(leaked.utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("linked.env"), withDestinationPath: target.path)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("linkdir"), withDestinationPath: outside.path)
        var request = fixture.request()
        request.files += [fixture.path("linked.env"), fixture.path("linkdir/prod.env")]
        request.roots = [fixture.root.path]
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(request)
        let refused = plan.unrewritableFiles ?? []
        #expect(refused.map(\.path) == [fixture.path("linked.env"), fixture.path("linkdir/prod.env")])
        #expect(refused.first?.reason.contains("symbolic link") == true, "\(refused)")
        #expect(refused.last?.reason.contains("outside the scanned tree") == true, "\(refused)")
        #expect(plan.steps.contains { $0.hasPrefix("leave \(fixture.path("linked.env")) alone") })
        #expect(!plan.filesToRewrite.contains(fixture.path("linked.env")))
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        #expect(try String(contentsOf: target, encoding: .utf8) == leaked)
        #expect(LocalFileSystem().entry(fixture.path("linked.env"))?.kind == .symbolicLink)
    }

    @Test func theRewriterRefusesALinkEvenWithoutRoots() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-rw-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("A=OLDVALUE\n".utf8).write(to: dir.appendingPathComponent("real.env"))
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("link.env").path, withDestinationPath: dir.appendingPathComponent("real.env").path)
        let rewriter = FileRewriter(
            fileSystem: LocalFileSystem(), clock: SystemRemediationClock(), backupDirectory: dir.appendingPathComponent("b").path)
        #expect(throws: RemediationError.self) {
            try rewriter.rewrite(dir.appendingPathComponent("link.env").path, replacements: [("OLDVALUE", "NEWVALUE")], expect: "NEWVALUE", roots: [])
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("real.env"), encoding: .utf8) == "A=OLDVALUE\n")
        let backup = try rewriter.rewrite(
            dir.appendingPathComponent("real.env").path, replacements: [("OLDVALUE", "NEWVALUE")], expect: "NEWVALUE", roots: [])
        #expect(backup?.hasPrefix(dir.appendingPathComponent("b").path + "/") == true)
        #expect(try String(contentsOf: dir.appendingPathComponent("real.env"), encoding: .utf8) == "A=NEWVALUE\n")
    }

    @Test func kubernetesSecretIsRewrittenInsideItsBase64Values() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "k8s")
        defer { fixture.cleanup() }
        func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        let manifest = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: aws
            type: Opaque
            data:
              AWS_ACCESS_KEY_ID: \(b64(fixture.key.accessKeyID))
              AWS_SECRET_ACCESS_KEY: \(b64(fixture.key.secretAccessKey))
              region: \(b64("us-east-1"))

            """
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: fixture.path("k8s-secret.yaml")))
        var request = fixture.request()
        request.files.append(fixture.path("k8s-secret.yaml"))
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(request)
        #expect(plan.unrewritableFiles == nil, "\(String(describing: plan.unrewritableFiles))")
        #expect(plan.filesToRewrite.contains(fixture.path("k8s-secret.yaml")))
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
        let new = try EndState.newPair(fixture)
        let text = try fixture.text("k8s-secret.yaml")
        #expect(text == manifest
            .replacingOccurrences(of: b64(fixture.key.accessKeyID), with: b64(new.accessKeyID))
            .replacingOccurrences(of: b64(fixture.key.secretAccessKey), with: b64(new.secretAccessKey)))
    }

    @Test func thePlanListsFilesItCannotRewriteBeforeCreatingAnything() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "unrw")
        defer { fixture.cleanup() }
        // Only the ID is left (someone cut the secret), a binary blob, and a file that vanished.
        try Data("AWS_ACCESS_KEY_ID=\(fixture.key.accessKeyID.prefix(12))\n".utf8).write(to: URL(fileURLWithPath: fixture.path("cut.env")))
        try Data([0xff, 0xfe, 0x00] + Array(fixture.key.accessKeyID.utf8)).write(to: URL(fileURLWithPath: fixture.path("blob.bin")))
        var request = fixture.request()
        request.files += ["cut.env", "blob.bin", "gone.env"].map(fixture.path)
        let rotator = fixture.rotator()
        let plan = try await rotator.plan(request)
        #expect(Set((plan.unrewritableFiles ?? []).map(\.path)) == Set(["cut.env", "blob.bin", "gone.env"].map(fixture.path)))
        #expect(plan.filesToRewrite.count == LeakFixture.files.count)
        let result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        #expect(result.status == .done, "\(String(describing: result.error))")
    }

    @Test func rollbackRestoresFromBackupsInTheStateDirectory() async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "bkp")
        defer { fixture.cleanup() }
        let before = try LeakFixture.files.map { try fixture.text($0) }
        let rotator = fixture.rotator()
        let stopped = await rotator.execute(try await rotator.plan(fixture.request(grace: 3600)), oldSecret: fixture.key.secretAccessKey)
        #expect(stopped.journal?.state == .deactivated)
        let backups = stopped.journal?.rewritten.map(\.backup) ?? []
        #expect(backups.count == LeakFixture.files.count)
        for backup in backups {
            #expect(backup.hasPrefix(fixture.stateDir.path + "/backups/\(fixture.key.accessKeyID)/"))
            #expect(EndState.mode(backup) == 0o600)
        }
        #expect(EndState.mode(fixture.stateDir.path + "/backups") == 0o700)
        let inTree = FileManager.default.enumerator(atPath: fixture.root.path)?.allObjects as? [String] ?? []
        #expect(!inTree.contains { $0.contains("keyward-backup") })
        let rolledBack = await rotator.rollback(keyID: fixture.key.accessKeyID)
        #expect(rolledBack.status == .rolledBack, "\(String(describing: rolledBack.error))")
        #expect(try LeakFixture.files.map { try fixture.text($0) } == before)
        #expect(backups.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        // The same key can be rotated again after a rollback; the old journal is archived.
        let again = await rotator.execute(try await rotator.plan(fixture.request()), oldSecret: fixture.key.secretAccessKey)
        #expect(again.status == .done, "\(String(describing: again.error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.stateDir.path + "/archive").count == 1)
    }
}
