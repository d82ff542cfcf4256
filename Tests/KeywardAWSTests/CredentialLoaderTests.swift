import Foundation
@testable import KeywardAWS
import TestSupport
import Testing

/// What the loader sends, with a canned transport (moto ignores the MFA parameters, so they are checked here).
@Suite struct CredentialLoaderTests {
    static let assumeRoleAnswer = """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
        <AccessKeyId>ASIAVFBQ7ZK2TEMP4TQR</AccessKeyId><SecretAccessKey>Temp2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc</SecretAccessKey>
        <SessionToken>FwoGZXIvYXdzTEMPTOKEN</SessionToken><Expiration>2015-08-30T13:36:00Z</Expiration>
        </Credentials></AssumeRoleResult></AssumeRoleResponse>
        """

    static func role(mfa: String?) -> CredentialProvider {
        .assumeRole(
            AssumeRoleSettings(
                profile: "admin", roleARN: "arn:aws:iam::123456789012:role/admin", sessionName: nil, durationSeconds: 900,
                externalID: "case-4711", mfaSerial: mfa),
            source: .fixed(FakeKeys.operatorPair, origin: "test"))
    }

    func load(_ provider: CredentialProvider, transport: CannedTransport, mfaCode: String?) async throws -> AWSCredentials? {
        var config = AWSConfiguration(credentials: nil)
        config.pendingCredentials = provider
        let options = CredentialLoadOptions(mfaCode: mfaCode, client: cannedOptions(transport, maxAttempts: 1))
        return try await config.loadingCredentials(options).credentials
    }

    @Test func assumeRoleSendsTheProfilesOptionsAndTheMFACode() async throws {
        let transport = CannedTransport([.success(HTTPResponse(status: 200, body: Data(Self.assumeRoleAnswer.utf8)))])
        let credentials = try #require(
            try await load(Self.role(mfa: "arn:aws:iam::123456789012:mfa/me"), transport: transport, mfaCode: "123456"))
        #expect(credentials.accessKeyID == "ASIAVFBQ7ZK2TEMP4TQR")
        #expect(credentials.sessionToken == "FwoGZXIvYXdzTEMPTOKEN")
        #expect(credentials.expiration == AWSDate.parseISO8601("2015-08-30T13:36:00Z"))
        let body = try #require(transport.bodies.first)
        for part in [
            "Action=AssumeRole", "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fadmin", "RoleSessionName=keyward-1440938160",
            "DurationSeconds=900", "ExternalId=case-4711", "SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fme",
            "TokenCode=123456",
        ] {
            #expect(body.contains(part), "\(part) in \(body)")
        }
        // Signed by the source profile's key.
        #expect(transport.requests.first?.header("authorization")?.contains("Credential=\(FakeKeys.operatorPair.accessKeyID)/") == true)
    }

    @Test func missingMFACodeFailsBeforeAnyCall() async throws {
        let transport = CannedTransport([])
        do {
            _ = try await load(Self.role(mfa: "arn:aws:iam::123456789012:mfa/me"), transport: transport, mfaCode: nil)
            Issue.record("a role with mfa_serial needs a code")
        } catch {
            #expect("\(error)" == "no AWS credentials: profile \"admin\" needs an MFA code for arn:aws:iam::123456789012:mfa/me: pass --mfa-code CODE")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func assumeRoleRefusalNamesTheProfileAndRole() async throws {
        let denied = """
            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>
            """
        let transport = CannedTransport([.success(HTTPResponse(status: 403, body: Data(denied.utf8)))])
        do {
            _ = try await load(Self.role(mfa: nil), transport: transport, mfaCode: nil)
            Issue.record("AccessDenied must fail")
        } catch {
            let text = "\(error)"
            #expect(text.contains("profile \"admin\": AssumeRole arn:aws:iam::123456789012:role/admin failed: AccessDenied"))
            #expect(!text.contains(FakeKeys.operatorPair.secretAccessKey))
        }
    }

    @Test func webIdentityIsSentUnsigned() async throws {
        let answer = Self.assumeRoleAnswer.replacingOccurrences(of: "AssumeRoleResult", with: "AssumeRoleWithWebIdentityResult")
        let transport = CannedTransport([.success(HTTPResponse(status: 200, body: Data(answer.utf8)))])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kw-token-\(UUID())")
        try "oidc-token-value\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let web = WebIdentitySettings(
            roleARN: "arn:aws:iam::123456789012:role/ci", tokenFile: file.path, sessionName: "gha", durationSeconds: nil,
            origin: "environment")
        let credentials = try await load(.webIdentity(web), transport: transport, mfaCode: nil)
        #expect(credentials?.accessKeyID == "ASIAVFBQ7ZK2TEMP4TQR")
        let request = try #require(transport.requests.first)
        #expect(request.header("authorization") == nil)
        #expect(String(decoding: request.body, as: UTF8.self).hasSuffix("WebIdentityToken=oidc-token-value"))
    }

    @Test func aHeaderValueWithACarriageReturnLineFeedIsCaught() {
        // "\r\n" is one Character in Swift: a check by Character equal to "\r" or "\n" missed it.
        #expect(AWSCredentials.hasLineBreak("token\r\nX-Injected: 1"))
        #expect(AWSCredentials.hasLineBreak("token\nX"))
        #expect(AWSCredentials.hasLineBreak("token\rX"))
        #expect(!AWSCredentials.hasLineBreak("AQoDYXdzEJr-one-line-token"))
    }
}
