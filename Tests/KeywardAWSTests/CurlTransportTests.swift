import Foundation
import TestSupport
import Testing

@testable import KeywardAWS

/// `CurlTransport` against a real HTTP server on 127.0.0.1: the fault proxy's own `/__echo__` routes
/// (nothing is forwarded upstream). The AWS and remediation suites cover it against moto.
@Suite struct CurlTransportTests {
    /// One proxy for the whole suite; its upstream is never contacted.
    static let server = Task { try await FaultProxy.startEchoOnly() }

    /// What `/__echo__` saw.
    struct Echo: Decodable {
        var method: String
        var headers: [[String]]
        var body: String

        func values(_ name: String) -> [String] {
            headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
        }
    }

    func echo(_ request: HTTPRequest) async throws -> (HTTPResponse, Echo) {
        let response = try await CurlTransport(timeout: 10).send(request)
        #expect(response.status == 200)
        return (response, try JSONDecoder().decode(Echo.self, from: response.body))
    }

    @Test func emptyPutSendsNoBodyAndAContentLengthOfZero() async throws {
        let proxy = try await Self.server.value
        let (_, seen) = try await echo(
            HTTPRequest(
                method: "PUT", url: proxy.echo(),
                headers: [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")]))
        #expect(seen.method == "PUT")
        #expect(seen.values("Content-Length") == ["0"])
        #expect(seen.body.isEmpty)
        #expect(seen.values("X-aws-ec2-metadata-token-ttl-seconds") == ["21600"])
        // No libcurl defaults a signed request did not ask for.
        #expect(seen.values("Content-Type").isEmpty)
        #expect(seen.values("Expect").isEmpty)
    }

    @Test func headersGoInOrderAndANameMayRepeat() async throws {
        let proxy = try await Self.server.value
        let headers = [
            (name: "X-Repeat", value: "first"), (name: "X-Other", value: "middle"), (name: "X-Repeat", value: "second"),
            (name: "X-Empty", value: ""),
        ]
        let (response, seen) = try await echo(HTTPRequest(method: "GET", url: proxy.echo(), headers: headers))
        #expect(seen.method == "GET")
        let sent = seen.headers.filter { $0.first?.hasPrefix("X-") == true }
        #expect(sent == [["X-Repeat", "first"], ["X-Other", "middle"], ["X-Repeat", "second"], ["X-Empty", ""]])
        // A repeated response field comes back joined, its name as received.
        #expect(response.headers["X-Echo-Repeat"] == "one, two")
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func binaryBodiesRoundTripByteForByte() async throws {
        let proxy = try await Self.server.value
        let body = Data((0...255).map(UInt8.init)) + Data([0, 0, 13, 10, 0])
        let (_, seen) = try await echo(
            HTTPRequest(
                method: "POST", url: proxy.echo(), headers: [(name: "Content-Type", value: "application/octet-stream")],
                body: body))
        #expect(seen.method == "POST")
        #expect(Data(base64Encoded: seen.body) == body)
        #expect(seen.values("Content-Type") == ["application/octet-stream"])
        #expect(seen.values("Content-Length") == [String(body.count)])

        let download = try await CurlTransport(timeout: 10).send(
            HTTPRequest(method: "GET", url: proxy.echo("bytes?n=70000")))
        #expect(download.body == Data((0..<70000).map { UInt8($0 % 256) }))
    }

    @Test func anInterimAnswersFieldsDoNotLeakIntoTheFinalOne() async throws {
        let proxy = try await Self.server.value
        let response = try await CurlTransport(timeout: 10).send(HTTPRequest(method: "GET", url: proxy.echo("interim")))
        #expect(response.status == 200)
        #expect(response.body == Data("final".utf8))
        #expect(response.headers["X-Interim"] == nil)
        #expect(response.headers["Link"] == nil)
        #expect(response.headers["Content-Type"] == "text/plain")
    }

    @Test func redirectsAreAnsweredNotFollowed() async throws {
        let proxy = try await Self.server.value
        let response = try await CurlTransport(timeout: 10).send(
            HTTPRequest(method: "POST", url: proxy.echo("redirect")))
        #expect(response.status == 307)
        #expect(response.headers["Location"] == "/__echo__")
    }

    @Test func noAnswerWithinTheRequestTimeoutIsATimeout() async throws {
        let proxy = try await Self.server.value
        let started = Date()
        await #expect(throws: AWSError.timeout(host: "127.0.0.1")) {
            _ = try await CurlTransport(timeout: 10).send(
                HTTPRequest(method: "GET", url: proxy.echo("sleep?seconds=5"), timeout: 0.5))
        }
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func aRefusedConnectionIsATransportErrorWithoutTheSecrets() async throws {
        let port = try MotoServer.freePortForTests()
        let secret = "Bearer kwFakeSessionToken0Zx9Qw2Er4Ty6Ui8Op"
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        let request = HTTPRequest(
            method: "POST", url: url, headers: [(name: "Authorization", value: secret)],
            body: Data("Secret=\(secret)".utf8))
        let error = await #expect(throws: AWSError.self) { _ = try await CurlTransport(timeout: 5).send(request) }
        guard case .transport(let message) = error else {
            Issue.record("not a transport error: \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("127.0.0.1: "))
        #expect(message.contains("onnect"), "\(message)")
        #expect(!message.contains("kwFakeSessionToken"))
    }

    @Test func aBodyOverTheCapIsRefused() async throws {
        let proxy = try await Self.server.value
        let transport = CurlTransport(timeout: 10, maxBodyBytes: 4096)
        let full = try await transport.send(HTTPRequest(method: "GET", url: proxy.echo("bytes?n=4096")))
        #expect(full.body.count == 4096)
        await #expect(throws: AWSError.transport("127.0.0.1: response body over 4096 bytes; refused")) {
            _ = try await transport.send(HTTPRequest(method: "GET", url: proxy.echo("bytes?n=4097")))
        }
    }

    @Test func aHeaderThatIsNotOneLineIsNeverSent() async throws {
        let proxy = try await Self.server.value
        let request = HTTPRequest(
            method: "GET", url: proxy.echo(), headers: [(name: "X-Token", value: "kwFakeToken\r\nX-Injected: 1")])
        let error = await #expect(throws: AWSError.self) { _ = try await CurlTransport(timeout: 10).send(request) }
        #expect(error.map { "\($0)" }?.contains("kwFakeToken") == false)
    }

    @Test func onlyHTTPAndHTTPSAreSpoken() async throws {
        let url = try #require(URL(string: "file:///etc/passwd"))
        let error = await #expect(throws: AWSError.self) {
            _ = try await CurlTransport(timeout: 10).send(HTTPRequest(method: "GET", url: url))
        }
        guard case .transport = error else {
            Issue.record("not a transport error: \(String(describing: error))")
            return
        }
    }
}
