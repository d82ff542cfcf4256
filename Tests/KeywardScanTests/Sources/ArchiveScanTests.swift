import Foundation
import Testing

@testable import KeywardScan

@Suite struct ArchiveScanTests {
    typealias S = ScanTestSupport

    @Test func everyFormatsMembersAreScannedAndNamed() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("formats", in: root)
        let report = try S.scanTree(root)
        let expected: Set<String> = [
            "plain.zip!/config/settings.env", "app.jar!/config/settings.env", "site.war!/config/settings.env",
            "mobile.apk!/config/settings.env", "pkg-1.0-py3-none-any.whl!/config/settings.env",
            "plain.tar!/etc/app.env", "layer.tar.gz!/etc/app.env", "layer.tgz!/etc/app.env",
            "layer.tar.bz2!/etc/app.env", "layer.tar.xz!/etc/app.env",
            "notes.env.gz!/notes.env", "notes.env.bz2!/notes.env", "notes.env.xz!/notes.env",
            "blob-zip!/inside.env", "blob-targz!/inside.env",
        ]
        #expect(report.paths(of: "aws-access-key-id") == expected)
        #expect(report.paths(of: "aws-secret-access-key") == expected)
        #expect(report.skipped.isEmpty)
        #expect(report.filesScanned == expected.count)
        #expect(report.findings.allSatisfy { $0.isArchiveMember && $0.line <= 2 })
        #expect(report.keys.first?.locations.allSatisfy(\.isArchiveMember) == true)
    }

    @Test func archivesNestedThreeDeepAreOpened() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("nested", in: root)
        let member = "outer.zip!/inner.tar.gz!/lib/app.jar!/BOOT-INF/classes/application.properties"
        let report = try S.scanTree(root)
        #expect(report.paths(of: "aws-access-key-id") == [member])
        #expect(report.findings.first { $0.ruleID == "aws-access-key-id" }?.line == 2)
        #expect(report.skipped.isEmpty)

        var shallow = ArchiveOptions()
        shallow.maxDepth = 2
        let limited = try S.scanTree(root, archives: shallow)
        #expect(limited.findings.isEmpty)
        #expect(
            limited.skipReasons["outer.zip!/inner.tar.gz!/lib/app.jar"]
                == "archive nested more than 2 levels deep; not opened")
    }

    @Test func dockerSaveImageLayersAreScanned() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("docker", in: root)
        let report = try S.scanTree(root)
        #expect(
            report.paths(of: "aws-access-key-id") == [
                "image.tar!/blobs/sha256/a1!/srv/app/.env", "image.tar!/blobs/sha256/b2!/opt/app/config.yml",
                "image.tar!/legacy0/layer.tar!/opt/app/config.yml",
            ])
    }

    @Test func zipBombIsReportedNotFollowed() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("bomb", in: root)
        var limits = ArchiveOptions()
        limits.ratioFloor = 4 << 20
        limits.maxRatio = 50
        let report = try S.scanTree(root, archives: limits)
        let flat = try #require(report.skipReasons["bomb.zip!/zeros.bin"])
        #expect(flat.contains("possible zip bomb"))
        #expect(report.skipReasons.keys.contains { $0.hasPrefix("nested-bomb.zip!/") })
        #expect(report.skipped.filter { $0.path.hasPrefix("nested-bomb.zip") }.count == 1)
        // Stopped early: far less than the 864 MiB the two would expand to.
        #expect(report.bytesScanned < 64 << 20)
        #expect(report.findings.isEmpty)
    }

    @Test func expandedSizeLimitStopsAnArchive() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("bomb", in: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("nested-bomb.zip"))
        var limits = ArchiveOptions()
        limits.maxExpandedBytes = 1 << 20
        let report = try S.scanTree(root, archives: limits)
        #expect(report.skipReasons["bomb.zip!/zeros.bin"]?.hasPrefix("archive expands past 1048576 bytes") == true)
    }

    @Test func encryptedAndCorruptArchivesAreListedWithReasons() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("corrupt", in: root)
        try FileManager.default.copyItem(
            at: S.repoRoot.appendingPathComponent("fixtures/archives/encrypted.zip"),
            to: root.appendingPathComponent("encrypted.zip"))
        let report = try S.scanTree(root)
        let reasons = report.skipReasons
        #expect(reasons["encrypted.zip!/secret.env"]?.hasPrefix("encrypted archive member") == true)
        #expect(reasons["encrypted.zip!/readme.txt"] == nil)
        // The readable half of each truncated archive is still scanned.
        #expect(report.paths(of: "aws-access-key-id") == ["truncated.zip!/a.env", "truncated.tar.gz!/a.env"])
        #expect(reasons.contains { $0.key.hasPrefix("truncated.zip") })
        #expect(reasons.contains { $0.key.hasPrefix("truncated.tar.gz") })
    }

    @Test func noArchivesScansThemAsBinaryFiles() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try GeneratedInputs.make("formats", in: root)
        var off = ArchiveOptions()
        off.enabled = false
        let report = try S.scanTree(root, archives: off)
        // Stored plain-text (tar) members are still seen by the binary-safe rules; nothing is a member.
        #expect(report.paths(of: "aws-access-key-id") == ["plain.tar"])
        #expect(!report.findings.contains { $0.isArchiveMember })
    }
}
