import Foundation
@testable import KeywardAWS
import TestSupport
import Testing

/// Error bodies in all three shapes, and JSON errors, become the right `AWSError`.
@Suite struct ErrorParsingTests {
    static let cases: [(fixture: String, status: Int, code: String)] = [
        ("error-iam-no-such-entity.xml", 404, "NoSuchEntity"),
        ("error-iam-limit-exceeded.xml", 409, "LimitExceeded"),
        ("error-sts-invalid-client-token.xml", 403, "InvalidClientTokenId"),
        ("error-sts-signature.xml", 403, "SignatureDoesNotMatch"),
        ("error-access-denied.xml", 403, "AccessDenied"),
        ("error-throttling-response.xml", 400, "Throttling"),
        ("error-other.xml", 409, "EntityAlreadyExists"),
    ]

    @Test(arguments: cases)
    func queryErrorShapes(_ example: (fixture: String, status: Int, code: String)) throws {
        let response = HTTPResponse(status: example.status, body: try Fixtures.data("aws/\(example.fixture)"))
        let error = AWSServiceClient.queryError(response)
        #expect(error.code == example.code)
        #expect(!"\(error)".isEmpty)
    }

    @Test func specificCases() throws {
        let denied = AWSServiceClient.queryError(
            HTTPResponse(status: 403, body: try Fixtures.data("aws/error-access-denied.xml")))
        guard case .accessDenied(let message) = denied else {
            Issue.record("expected accessDenied, got \(denied)")
            return
        }
        #expect(message.contains("iam:ListUsers"))
        let other = AWSServiceClient.queryError(HTTPResponse(status: 409, body: try Fixtures.data("aws/error-other.xml")))
        #expect(other == .other(code: "EntityAlreadyExists", message: "User with name ci-bot already exists.", status: 409))
        #expect(AWSServiceClient.queryError(
            HTTPResponse(status: 403, body: try Fixtures.data("aws/error-sts-signature.xml"))).isAuthenticationFailure)
    }

    @Test func unreadableBodies() {
        let html = HTTPResponse(status: 502, body: Data("<html><body>Bad Gateway".utf8))
        #expect(AWSServiceClient.queryError(html) == .other(code: "HTTP502", message: "error response without an AWS error body", status: 502))
        #expect(AWSServiceClient.queryError(HTTPResponse(status: 429)).code == "Throttling")
    }

    @Test func jsonErrors() throws {
        let notFound = AWSServiceClient.jsonError(
            HTTPResponse(status: 400, body: try Fixtures.data("aws/error-secretsmanager-not-found.json")))
        #expect(notFound == .noSuchEntity("Secrets Manager can't find the specified secret."))
        let prefixed = AWSServiceClient.jsonError(HTTPResponse(
            status: 400, body: Data(#"{"__type":"com.amazonaws.secretsmanager#AccessDeniedException","Message":"no"}"#.utf8)))
        #expect(prefixed == .accessDenied("no"))
    }

    @Test func longMessagesAreCut() {
        let error = AWSError.from(code: "X", message: String(repeating: "m", count: 1000), status: 400)
        #expect("\(error)".count < 400)
    }

    @Test func operationErrorsAreThrownTyped() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("error-iam-limit-exceeded.xml", status: 409)])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        await #expect(throws: AWSError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2")) {
            _ = try await iam.createAccessKey(userName: "ci-bot")
        }
    }
}
