import Foundation
import FuzzSupport
@testable import KeywardAWS
import TestSupport

let credentials = AWSCredentials(accessKeyID: "AKIAFUZZFUZZFUZZFUZZ", secretAccessKey: String(repeating: "f", count: 40))
let endpoint = AWSEndpoint(
    service: .secretsManager, url: URL(string: "http://127.0.0.1:9")!, signingRegion: "us-east-1")

/// AWS JSON 1.1 answers (Secrets Manager) and JSON errors, answered with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let (call, status, body) = input.answer()
    _ = AWSServiceClient.jsonError(HTTPResponse(status: status, body: body))
    let options = AWSClientOptions(
        transport: CannedTransport([.success(HTTPResponse(status: status, body: body))]),
        retry: RetryPolicy(maxAttempts: 1))
    let client = SecretsManagerClient(credentials: credentials, endpoint: endpoint, options: options)
    fuzzBlocking {
        switch call % 3 {
        case 0: _ = try? await client.getSecretValue(secretID: "s")
        case 1: _ = try? await client.putSecretValue(secretID: "s", secretString: "v")
        default: _ = try? await client.createSecret(name: "s", secretString: "v")
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzAWSJSON(_:_:)``.
@_cdecl("FuzzAWSJSON_main")
public func fuzzAWSJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzAWSJSON(data, size) }
}
