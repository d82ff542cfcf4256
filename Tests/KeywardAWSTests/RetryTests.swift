import Foundation
import Synchronization
@testable import KeywardAWS
import TestSupport
import Testing

/// Bounded exponential backoff with jitter; what is retried and what is not.
@Suite struct RetryTests {
    static func throttled() throws -> Result<HTTPResponse, AWSError> {
        try CannedTransport.fixture("error-throttling-response.xml", status: 400)
    }

    @Test func throttlingIsRetriedWithGrowingDelays() async throws {
        let transport = CannedTransport([try Self.throttled(), try Self.throttled(), try CannedTransport.fixture("sts-get-caller-identity.xml")])
        let sleeper = SleepRecorder()
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: cannedOptions(transport, sleeper: sleeper))
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account == "344642763492")
        #expect(transport.requests.count == 3)
        #expect(sleeper.delays == [.milliseconds(200), .milliseconds(400)])
    }

    @Test func throttlingGivesUpAfterMaxAttempts() async throws {
        let transport = CannedTransport(try (0..<10).map { _ in try Self.throttled() })
        let sleeper = SleepRecorder()
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport, sleeper: sleeper, maxAttempts: 4))
        await #expect(throws: AWSError.throttling("Rate exceeded")) { _ = try await iam.createAccessKey(userName: "x") }
        #expect(transport.requests.count == 4)
        #expect(sleeper.delays.count == 3)
    }

    @Test func delaysAreCappedAndJittered() {
        let sleeper = SleepRecorder()
        let full = sleeper.policy(random: 1.0)
        #expect(full.delay(beforeRetry: 0) == .milliseconds(200))
        #expect(full.delay(beforeRetry: 3) == .milliseconds(1600))
        #expect(full.delay(beforeRetry: 12) == .seconds(5))
        #expect(full.delay(beforeRetry: 200) == .seconds(5))
        let half = sleeper.policy(random: 0.5)
        #expect(half.delay(beforeRetry: 2) == .milliseconds(400))
    }

    @Test func serverErrorsAreRetriedOnlyForReads() async throws {
        let failure = HTTPResponse(status: 500, body: Data("<ErrorResponse><Error><Code>ServiceFailure</Code><Message>x</Message></Error></ErrorResponse>".utf8))
        let readTransport = CannedTransport([.success(failure), try CannedTransport.fixture("iam-list-access-keys.xml")])
        let reader = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(readTransport))
        #expect(try await reader.listAccessKeys(userName: "ci-bot").count == 2)
        #expect(readTransport.requests.count == 2)

        let writeTransport = CannedTransport([.success(failure), try CannedTransport.fixture("iam-create-access-key.xml")])
        let writer = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(writeTransport))
        await #expect(throws: AWSError.other(code: "ServiceFailure", message: "x", status: 500)) {
            _ = try await writer.createAccessKey(userName: "ci-bot")
        }
        #expect(writeTransport.requests.count == 1)
    }

    @Test func networkErrorsAreRetriedOnlyForReads() async throws {
        let readTransport = CannedTransport([.failure(.timeout(host: "sts.amazonaws.com")), try CannedTransport.fixture("sts-get-caller-identity.xml")])
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: cannedOptions(readTransport))
        _ = try await sts.getCallerIdentity()
        #expect(readTransport.requests.count == 2)

        // CreateAccessKey is never retried on a network error: the first call may have created a key.
        let writeTransport = CannedTransport([.failure(.transport("reset")), try CannedTransport.fixture("iam-create-access-key.xml")])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(writeTransport))
        await #expect(throws: AWSError.transport("reset")) {
            _ = try await iam.createAccessKey(userName: "ci-bot")
        }
        #expect(writeTransport.requests.count == 1)
        // DeleteAccessKey is: a repeated delete is harmless (NoSuchEntity means done).
        let deleteTransport = CannedTransport([.failure(.transport("reset")), try CannedTransport.fixture("iam-update-access-key.xml")])
        let deleter = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(deleteTransport))
        try await deleter.deleteAccessKey(accessKeyID: "AKIAVFBQ7ZK2R6TJXM5L", userName: "ci-bot")
        #expect(deleteTransport.requests.count == 2)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("error-sts-invalid-client-token.xml", status: 403)])
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: cannedOptions(transport))
        await #expect(throws: AWSError.invalidClientTokenId("The security token included in the request is invalid.")) {
            _ = try await sts.getCallerIdentity()
        }
        #expect(transport.requests.count == 1)
    }

    @Test func eachAttemptIsSignedAfresh() async throws {
        let transport = CannedTransport([try Self.throttled(), try CannedTransport.fixture("sts-get-caller-identity.xml")])
        var options = cannedOptions(transport)
        let clock = Clock()
        options.now = { clock.tick() }
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: options)
        _ = try await sts.getCallerIdentity()
        let dates = transport.requests.map { $0.header("x-amz-date") }
        #expect(dates == ["20150830T123600Z", "20150830T123601Z"])
    }

    final class Clock: Sendable {
        private let next = Mutex(Date(timeIntervalSince1970: 1_440_938_160))
        func tick() -> Date {
            next.withLock { next in
                let now = next
                next += 1
                return now
            }
        }
    }
}
