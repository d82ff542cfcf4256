import Foundation
import Synchronization
@testable import KeywardAWS
import TestSupport

/// Fake, well-shaped credentials for unit tests (never AWS's EXAMPLE keys).
enum FakeKeys {
    static let operatorPair = AWSCredentials(
        accessKeyID: "AKIAVFBQ7ZK2OPER4TQR", secretAccessKey: "u7Hc2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
    static let endpoint = AWSEndpoint.standard(for: .iam, region: nil)
    static let stsEndpoint = AWSEndpoint.standard(for: .sts, region: nil)
    static let secretsEndpoint = AWSEndpoint.standard(for: .secretsManager, region: "eu-west-3")
}

/// Records the backoff delays a client asks for, without waiting.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    var delays: [Duration] {
        recorded.withLock { $0 }
    }

    func policy(maxAttempts: Int = 5, random: Double = 1.0) -> RetryPolicy {
        var policy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(200), maxDelay: .seconds(5))
        policy.sleep = { [self] delay in
            recorded.withLock { $0.append(delay) }
        }
        policy.random = { random }
        return policy
    }
}

/// Options for unit tests: a canned transport, a fixed clock, recorded (instant) backoff.
func cannedOptions(_ transport: CannedTransport, sleeper: SleepRecorder = SleepRecorder(), maxAttempts: Int = 5)
    -> AWSClientOptions
{
    var options = AWSClientOptions(transport: transport, retry: sleeper.policy(maxAttempts: maxAttempts))
    options.now = { Date(timeIntervalSince1970: 1_440_938_160) }  // 2015-08-30T12:36:00Z
    return options
}
