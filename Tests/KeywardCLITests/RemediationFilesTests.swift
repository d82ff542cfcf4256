import Foundation
import KeywardScan
import TestSupport
import Testing

@testable import KeywardCLI

/// `scan --remediate` offers only real files on disk for rewriting.
@Suite struct RemediationFilesTests {
    @Test func archiveMembersAndNonUTF8NamesAreNeverRewritable() {
        var member = KeyLocation(path: "app.jar!/BOOT-INF/classes/application.properties", line: 3)
        member.isArchiveMember = true
        var latin1 = KeyLocation(path: "caf\\xe9.env", line: 1)
        latin1.pathBytes = Array("caf".utf8) + [0xE9] + Array(".env".utf8)
        // A real directory named `dir!` is not an archive.
        let plain = KeyLocation(path: "dir!/settings.env", line: 2)
        let key = KeyReport(
            keyID: "AKIAMUPVX7I4Z3YWTIQC", kind: "long-term IAM user key", account: nil, secretFound: true,
            locations: [member, latin1, plain])
        let root = FileManager.default.temporaryDirectory.path
        let files = ScanCommand.files(of: key, roots: [root])
        #expect(files == [URL(fileURLWithPath: root + "/dir!/settings.env").standardizedFileURL.path])
    }

    @Test func jsonScanOfAnArchiveNamesTheMember() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-cli-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let script =
            "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); "
            + "z.writestr('conf/app.env','aws_access_key_id = AKIAMUPVX7I4Z3YWTIQC\\n'); z.close()"
        let made = try ProcessRunner.run(
            "/usr/bin/env", ["python3", "-c", script, root.appendingPathComponent("app.jar").path],
            environment: ProcessInfo.processInfo.environment)
        #expect(made.status == 0)
        let result = try CLIRunner.run(["scan", "--format", "json", root.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"path\": \"app.jar!/conf/app.env\""))
        let off = try CLIRunner.run(["scan", "--no-archives", "--format", "json", root.path])
        #expect(!off.stdout.contains("app.jar!/"))
    }
}
