import Foundation
@testable import KeywardAWS
import TestSupport
import Testing

/// Canned AWS answers (fixtures/aws) through the public clients: parsing, pagination, request shape.
@Suite struct ResponseParsingTests {
    @Test func callerIdentity() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("sts-get-caller-identity.xml")])
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: cannedOptions(transport))
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account == "344642763492")
        #expect(identity.arn == "arn:aws:iam::344642763492:user/deploy/ci-bot")
        #expect(identity.userName == "ci-bot")
        #expect(identity.userID == "AIDAVFBQ7ZK2MPLT5XNRQ")
    }

    @Test func requestIsASignedFormPost() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("sts-get-access-key-info.xml")])
        let sts = STSClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.stsEndpoint, options: cannedOptions(transport))
        #expect(try await sts.getAccessKeyInfo(accessKeyID: "AKIAVFBQ7ZK2NWHG4D3Q") == "344642763492")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(transport.bodies.first == "Action=GetAccessKeyInfo&Version=2011-06-15&AccessKeyId=AKIAVFBQ7ZK2NWHG4D3Q")
        #expect(request.header("x-amz-date") == "20150830T123600Z")
        #expect(request.header("host") == "sts.amazonaws.com")
        let authorization = try #require(request.header("authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAVFBQ7ZK2OPER4TQR/20150830/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="))
        #expect(!authorization.contains(FakeKeys.operatorPair.secretAccessKey))
    }

    @Test func listUsersFollowsMarker() async throws {
        let transport = CannedTransport([
            try CannedTransport.fixture("iam-list-users-page1.xml"), try CannedTransport.fixture("iam-list-users-page2.xml"),
        ])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        let users = try await iam.listUsers()
        #expect(users.map(\.userName) == ["ci-bot", "alice", "bob"])
        #expect(users[0].path == "/deploy/")
        #expect(users[0].createDate == AWSDate.parseISO8601("2021-03-04T05:06:07Z"))
        let fractional = try #require(users[1].createDate).timeIntervalSince1970
        #expect(abs(fractional - 1_669_852_798.123456) < 0.001)
        #expect(transport.bodies == [
            "Action=ListUsers&Version=2010-05-08",
            "Action=ListUsers&Version=2010-05-08&Marker=bWFya2VyLXBhZ2UtMg%3D%3D",
        ])
    }

    /// Found by the fault-injecting proxy: a CreateAccessKey answer cut inside its SecretAccessKey was
    /// accepted by Foundation's parser and a half secret was journaled as the new key's.
    @Test(arguments: [0.3, 0.5, 0.75, 0.95])
    func answerCutShortIsRejectedNotHalfRead(fraction: Double) throws {
        let whole = Data((
            "<CreateAccessKeyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><CreateAccessKeyResult>"
            + "<AccessKey><UserName>ci</UserName><AccessKeyId>AKIAVFBQ7ZK2NWHG4D3Q</AccessKeyId><Status>Active</Status>"
            + "<SecretAccessKey>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</SecretAccessKey></AccessKey>"
            + "</CreateAccessKeyResult></CreateAccessKeyResponse>").utf8)
        #expect(try XMLNode.parse(whole).string("CreateAccessKeyResult/AccessKey/AccessKeyId") == "AKIAVFBQ7ZK2NWHG4D3Q")
        let cut = whole.prefix(Int(Double(whole.count) * fraction))
        #expect(throws: AWSError.self) { try XMLNode.parse(cut) }
    }

    /// Found by FuzzAWSXML: an element name that is not UTF-8 crashed FoundationXML's parser.
    @Test func bodyThatIsNotUTF8IsRejectedBeforeParsing() throws {
        let seed = try Fixtures.data("fuzz/FuzzAWSXML/known-invalid-utf8-element-name")
        let body = Data(seed.dropFirst())
        #expect(String(data: body, encoding: .utf8) == nil)
        #expect(throws: AWSError.self) { try XMLNode.parse(body) }
        #expect(throws: AWSError.self) { try XMLNode.parse(Data([0x3C, 0x61, 0xFF, 0xFE, 0x3E, 0x3C, 0x2F, 0x61, 0x3E])) }
    }

    @Test func truncatedWithoutMarkerIsAnError() async throws {
        let body = Data("<ListUsersResponse><ListUsersResult><Users/><IsTruncated>true</IsTruncated></ListUsersResult></ListUsersResponse>".utf8)
        let transport = CannedTransport([.success(HTTPResponse(status: 200, body: body))])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        await #expect(throws: AWSError.self) { _ = try await iam.listUsers() }
    }

    @Test func accessKeysAndStatus() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("iam-list-access-keys.xml")])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        let keys = try await iam.listAccessKeys(userName: "ci-bot")
        #expect(keys.map(\.accessKeyID) == ["AKIAVFBQ7ZK2NWHG4D3Q", "AKIAVFBQ7ZK2R6TJXM5L"])
        #expect(keys.map(\.status) == [.active, .inactive])
        #expect(transport.bodies.first == "Action=ListAccessKeys&Version=2010-05-08&UserName=ci-bot")
    }

    @Test func lastUsed() async throws {
        let transport = CannedTransport([
            try CannedTransport.fixture("iam-get-access-key-last-used.xml"),
            try CannedTransport.fixture("iam-get-access-key-last-used-never.xml"),
        ])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        let used = try await iam.getAccessKeyLastUsed(accessKeyID: "AKIAVFBQ7ZK2NWHG4D3Q")
        #expect(used.userName == "ci-bot")
        #expect(used.serviceName == "s3")
        #expect(used.region == "eu-west-3")
        #expect(used.lastUsedDate == AWSDate.parseISO8601("2024-05-06T07:08:00Z"))
        let never = try await iam.getAccessKeyLastUsed(accessKeyID: "AKIAVFBQ7ZK2R6TJXM5L")
        #expect(never.lastUsedDate == nil)
        #expect(never.serviceName == "N/A")
        #expect(never.userName == "alice")
    }

    @Test func createAccessKeyKeepsSecretOutOfDescription() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("iam-create-access-key.xml")])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        let key = try await iam.createAccessKey(userName: "ci-bot")
        let secret = "q8Zr2Lk9Vt4Xw7Np1Ys6Hc3Bd5Fg0Jm/Qa+Re8Tu"
        #expect(key.credentials.accessKeyID == "AKIAVFBQ7ZK2T3MGW6YP")
        #expect(key.credentials.secretAccessKey == secret)
        #expect(key.status == .active)
        #expect(!"\(key)".contains(secret))
        #expect(!"\(key.credentials)".contains(secret))
    }

    @Test func attachedPolicies() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("iam-list-attached-user-policies.xml")])
        let iam = IAMClient(credentials: FakeKeys.operatorPair, endpoint: FakeKeys.endpoint, options: cannedOptions(transport))
        let policies = try await iam.listAttachedUserPolicies(userName: "ci-bot")
        #expect(policies.map(\.policyName) == ["AWSCompromisedKeyQuarantineV3", "ReadOnlyAccess"])
        #expect(policies[0].policyArn == "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3")
    }

    @Test func listParametersUseMemberNumbering() {
        var query = QueryParameters(action: "Tag", version: "2010-05-08")
        query.addList("Names", ["a b", "c/d"])
        #expect(query.formEncoded == "Action=Tag&Version=2010-05-08&Names.member.1=a%20b&Names.member.2=c%2Fd")
    }

    @Test func secretsManagerJSON() async throws {
        let transport = CannedTransport([try CannedTransport.fixture("secretsmanager-get-secret-value.json")])
        let client = SecretsManagerClient(
            credentials: FakeKeys.operatorPair, endpoint: FakeKeys.secretsEndpoint, options: cannedOptions(transport))
        let value = try await client.getSecretValue(secretID: "ci/aws")
        #expect(value.version.name == "ci/aws")
        #expect(value.version.versionID == "0d5c3a2e-8f4b-4c1d-9e7a-6b5f4d3c2a10")
        #expect(value.secretString == #"{"aws_access_key_id":"AKIAVFBQ7ZK2T3MGW6YP"}"#)
        #expect(!"\(value)".contains("aws_access_key_id"))
        let request = try #require(transport.requests.first)
        #expect(request.header("x-amz-target") == "secretsmanager.GetSecretValue")
        #expect(request.header("content-type") == "application/x-amz-json-1.1")
        #expect(request.header("authorization")?.contains("/eu-west-3/secretsmanager/aws4_request") == true)
    }
}
