import Foundation
import FuzzSupport
@testable import KeywardAWS
import TestSupport

let credentials = AWSCredentials(accessKeyID: "AKIAFUZZFUZZFUZZFUZZ", secretAccessKey: String(repeating: "f", count: 40))


func endpoint(_ service: AWSService) -> AWSEndpoint {
    AWSEndpoint(service: service, url: URL(string: "http://127.0.0.1:9")!, signingRegion: "us-east-1")
}

/// AWS Query API XML (IAM and STS answers and errors): the XML tree, the error reader, and each
/// call the CLI makes, answered with the input (status from the first byte: 200, 400 or 500).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let (call, status, body) = input.answer()
    // FoundationXML's XMLParser trapped on an element name that is not UTF-8 (seed
    // known-invalid-utf8-element-name); XMLNode.parse now refuses such bodies first.
    _ = try? XMLNode.parse(body)
    _ = AWSServiceClient.queryError(HTTPResponse(status: status, body: body))
    let answer = HTTPResponse(status: status, body: body)
    let options = AWSClientOptions(transport: CannedTransport([.success(answer)]), retry: RetryPolicy(maxAttempts: 1))
    let iam = IAMClient(credentials: credentials, endpoint: endpoint(.iam), options: options)
    let sts = STSClient(credentials: credentials, endpoint: endpoint(.sts), options: options)
    fuzzBlocking {
        switch call % 8 {
        case 0: _ = try? await iam.listAccessKeys(userName: "u")
        case 1: _ = try? await iam.getAccessKeyLastUsed(accessKeyID: "AKIAFUZZ")
        case 2: _ = try? await iam.createAccessKey(userName: "u")
        case 3: _ = try? await iam.listUsers()
        case 4: _ = try? await iam.listAttachedUserPolicies(userName: "u")
        case 5: _ = try? await sts.getCallerIdentity()
        case 6: _ = try? await sts.getAccessKeyInfo(accessKeyID: "AKIAFUZZ")
        default: try? await iam.updateAccessKey(accessKeyID: "AKIAFUZZ", status: .inactive)
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzAWSXML(_:_:)``.
@_cdecl("FuzzAWSXML_main")
public func fuzzAWSXMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzAWSXML(data, size) }
}
