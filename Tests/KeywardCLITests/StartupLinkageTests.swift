import Foundation
import TestSupport
import Testing

/// libcurl is opened on the first AWS request, never at start-up: the binary links neither it nor
/// FoundationNetworking, a scan never loads it, an AWS call does, and without it an AWS call fails
/// closed (exit 2) with how to install it.
@Suite struct StartupLinkageTests {
    /// Whether the dynamic loader's trace (`LD_DEBUG=files`) shows libcurl being loaded.
    static func loadsLibcurl(_ trace: String) -> Bool {
        trace.split(separator: "\n").contains { $0.contains("file=") && $0.contains("libcurl") }
    }

    /// The trace is there at all: the C library's own load is in it.
    static func isTrace(_ trace: String) -> Bool { trace.contains("file=libc.so.6") }

    /// An AWS environment whose endpoint is a loopback port nothing listens on.
    static func unreachableAWS() throws -> [String: String] {
        [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:\(try MotoServer.freePortForTests())",
            "AWS_ACCESS_KEY_ID": "AKIAQX3B4O2TZLINKAGE",
            "AWS_SECRET_ACCESS_KEY": "kwFakeSecretForLinkageTests0123456789abcd",
            "AWS_REGION": "us-east-1", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
        ]
    }

    @Test func theBinaryNeedsNeitherLibcurlNorFoundationNetworking() throws {
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["readelf", "-d", ProcessRunner.keywardBinary],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let needed = result.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(needed.contains { $0.contains("libc.so.6") }, "\(result.stdout)")
        #expect(!needed.contains { $0.contains("libcurl") || $0.contains("FoundationNetworking") }, "\(needed)")
    }

    @Test func aScanNeverLoadsLibcurl() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-linkage-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("AWS_ACCESS_KEY_ID=AKIAQX3B4O2TZK7WNMRE\n".utf8).write(to: root.appendingPathComponent("app.env"))
        let result = try CLIRunner.run(["scan", root.path], environment: ["LD_DEBUG": "files"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(Self.isTrace(result.stderr))
        #expect(!Self.loadsLibcurl(result.stderr))
    }

    @Test func anAWSCallLoadsLibcurlThenAndFailsWithTheHost() throws {
        var environment = try Self.unreachableAWS()
        environment["LD_DEBUG"] = "files"
        let result = try CLIRunner.run(["keys", "audit"], environment: environment)
        #expect(result.status == 2)
        #expect(Self.loadsLibcurl(result.stderr))
        #expect(result.stderr.contains("127.0.0.1"))
        #expect(!result.stderr.contains("kwFakeSecretForLinkageTests"))
    }

    @Test func withoutLibcurlAnAWSCallFailsClosedAndSaysWhatToInstall() throws {
        var environment = try Self.unreachableAWS()
        environment["KEYWARD_TEST_LIBCURL"] = "libkeyward-no-such-curl.so.4"
        let result = try CLIRunner.run(["keys", "audit"], environment: environment)
        #expect(result.status == 2)
        #expect(!result.killed)
        #expect(result.stderr.contains("libcurl.so.4 could not be loaded"), "\(result.stderr)")
        #expect(result.stderr.contains("apt-get install libcurl4"), "\(result.stderr)")
    }
}
