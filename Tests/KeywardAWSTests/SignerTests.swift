import Foundation
@testable import KeywardAWS
import Testing

/// The public `sign` entry point and the canonical helpers beyond the published vectors.
@Suite struct SignerTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z

    @Test func signsAFormPostLikeTheSuite() throws {
        // post-x-www-form-urlencoded, built through the public API instead of raw parts.
        var signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "service")
        signer.addContentSHA256Header = true
        let request = HTTPRequest(
            method: "POST", url: try #require(URL(string: "https://example.amazonaws.com/")),
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "13")],
            body: Data("Param1=value1".utf8))
        let signed = signer.sign(request, date: Self.date)
        #expect(signed.header("host") == "example.amazonaws.com")
        #expect(signed.header("authorization")?.hasSuffix("Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b") == true)
    }

    @Test func sessionTokenIsSentAndSigned() throws {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "ASIAVFBQ7ZK2SESS4TQR", secretAccessKey: "u7Hc2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc", sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN"),
            region: "eu-west-3", service: "sts")
        let signed = signer.sign(HTTPRequest(method: "POST", url: try #require(URL(string: "https://sts.eu-west-3.amazonaws.com"))), date: Self.date)
        #expect(signed.header("x-amz-security-token") == "FwoGZXIvYXdzEXAMPLETOKEN")
        #expect(signed.header("authorization")?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
        #expect(signed.header("authorization")?.contains("/20150830/eu-west-3/sts/aws4_request") == true)
    }

    @Test func hostCarriesNonDefaultPort() throws {
        let url = try #require(URL(string: "http://127.0.0.1:5123"))
        #expect(SigV4Signer.hostHeader(for: url) == "127.0.0.1:5123")
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "https://iam.amazonaws.com:443"))) == "iam.amazonaws.com")
    }

    @Test(arguments: [
        ("a b", "a%20b"), ("a+b=c&d", "a%2Bb%3Dc%26d"), ("~-._", "~-._"), ("ሴ", "%E1%88%B4"), ("/", "%2F"),
    ])
    func uriEncoding(_ example: (String, String)) {
        #expect(SigV4Canonical.uriEncode(example.0) == example.1)
    }

    @Test func dates() {
        #expect(AWSDate.amzDate(Self.date) == "20150830T123600Z")
        #expect(AWSDate.iso8601(Self.date) == "2015-08-30T12:36:00Z")
        #expect(AWSDate.parseISO8601("2015-08-30T14:36:00+02:00") == Self.date)
        #expect(AWSDate.parseISO8601("2015-08-30") == nil)
        #expect(AWSDate.parseISO8601("2015-08-30T12:36:00Zjunk") == nil)
    }
}
