import Foundation
import KeywardAWS
@testable import KeywardRemediation
import TestSupport
import Testing

/// Every fault of the fault proxy at every AWS call of a rotation: the same run's retries or
/// `--resume` reach the clean end state; never a third key; the new secret never lost while its key
/// lives; no message carries a secret; a lost CreateAccessKey answer is cleaned up, not blindly retried.
/// The cases run one at a time: each starts its own proxy, and 48 of them at once (beside the other
/// suites' servers) starve a 2-core machine into timeouts that have nothing to do with the faults.
@Suite(.motoServer, .serialized) struct EndpointFaultTests {
    static let actions = ["ListAccessKeys", "GetAccessKeyLastUsed", "CreateAccessKey", "GetCallerIdentity", "UpdateAccessKey", "DeleteAccessKey"]
    static let faults = ["drop-after-forward", "drop-before-forward", "status-500", "status-503", "throttle", "delay", "truncate", "corrupt"]
    static let cases: [(String, String)] = actions.flatMap { action in faults.map { (action, $0) } }

    /// Client timeout 3 s (the proxy's delay is 5 s: past it even on a loaded machine), fast retries.
    static var options: AWSClientOptions {
        var retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        retry.random = { 1 }
        return AWSClientOptions(transport: CurlTransport(timeout: 3), retry: retry, timeout: 3)
    }

    @Test(arguments: cases)
    func faultAtACallStillEndsRotated(action: String, fault: String) async throws {
        let moto = try #require(MotoContext.current)
        let fixture = try await LeakFixture.make(moto, prefix: "fault")
        defer { fixture.cleanup() }
        let tracked = try Data(contentsOf: URL(fileURLWithPath: fixture.path(LeakFixture.trackedFile)))
        let proxy = try await FaultProxy.start(upstream: moto.server.endpoint)
        defer { proxy.stop() }
        let viaProxy = AWSConfiguration(credentials: moto.operatorCredentials, region: "us-east-1", endpointURL: proxy.endpoint)
        let rotator = fixture.rotator(configuration: viaProxy, options: Self.options)
        // Throttling and 503 come twice in a row (the retries absorb them); the rest once.
        let count = ["throttle", "status-503"].contains(fault) ? 2 : 1
        try await proxy.arm([.init(action: action, fault: fault, count: count, delay: 5)])

        var messages: [String] = []
        var result: RotationResult?
        do {
            let plan = try await rotator.plan(fixture.request())
            result = await rotator.execute(plan, oldSecret: fixture.key.secretAccessKey)
        } catch {
            // Refused while planning: nothing may have changed.
            messages.append("\(error)")
            #expect(try await fixture.keys().map(\.accessKeyID) == [fixture.key.accessKeyID])
            result = await rotator.execute(try await rotator.plan(fixture.request()), oldSecret: fixture.key.secretAccessKey)
        }
        var runs = 1
        while let current = result, current.status == .stopped, runs < 4 {
            messages.append(current.error.map { "\($0)" } ?? "")
            try await expectNoSecretLost(fixture, rotator)
            result = await rotator.resume(keyID: fixture.key.accessKeyID)
            runs += 1
        }
        let final = try #require(result)
        messages.append(final.error.map { "\($0)" } ?? "")
        #expect(final.status == .done, "\(action)/\(fault): \(messages)")
        let fired = try await proxy.seen().filter { $0.fault != nil }
        #expect(!fired.isEmpty, "\(action)/\(fault) never fired")
        try await EndState.expectRotated(fixture, trackedBefore: tracked)
        let new = try EndState.newPair(fixture)
        for message in messages {
            for secret in [fixture.key.secretAccessKey, new.secretAccessKey] { #expect(!message.contains(secret)) }
        }
        if action == "CreateAccessKey", ["drop-after-forward", "delay", "truncate", "corrupt"].contains(fault) {
            // The answer was lost after AWS created a key: that key was found and deleted, one new key made.
            #expect(final.journal?.orphanKeysDeleted.count == 1, "\(String(describing: final.journal?.orphanKeysDeleted))")
        } else {
            #expect(final.journal?.orphanKeysDeleted == [])
        }
    }

    /// Between runs: at most two keys; a second key is either the journaled new one (whose secret
    /// works) or the key of a CreateAccessKey whose answer was lost (the journal's create mark says so).
    func expectNoSecretLost(_ fixture: LeakFixture, _ rotator: Rotator) async throws {
        let keys = try await fixture.keys()
        #expect(keys.count <= 2)
        let journal = try rotator.journal(for: fixture.key.accessKeyID)
        guard let other = keys.first(where: { $0.accessKeyID != fixture.key.accessKeyID }) else { return }
        if let newID = journal?.newKeyID, newID == other.accessKeyID {
            let secret = try #require(journal?.newSecret)
            #expect(try await fixture.authenticates(AWSCredentials(accessKeyID: newID, secretAccessKey: secret)))
        } else {
            #expect(journal?.creating != nil, "an unjournaled key without a create mark")
        }
    }
}
