import Foundation
import KeywardAWS
import TestSupport
import Testing

/// The clients against a real moto_server on 127.0.0.1 (SigV4 verified after the operator bootstrap).
@Suite(.motoServer) struct MotoIntegrationTests {
    /// A user with one key, named uniquely so tests can share the server.
    static func makeUser(_ moto: MotoContext, _ prefix: String) async throws -> (IAMClient, String, NewAccessKey) {
        let iam = try IAMClient(configuration: moto.configuration)
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await iam.createUser(userName: name)
        let key = try await iam.createAccessKey(userName: name)
        return (iam, name, key)
    }

    static func sts(_ moto: MotoContext, _ credentials: AWSCredentials) -> STSClient {
        STSClient(credentials: credentials, endpoint: moto.configuration.endpoint(for: .sts))
    }

    @Test func operatorIsWhoItSays() async throws {
        let moto = try #require(MotoContext.current)
        let identity = try await STSClient(configuration: moto.configuration).getCallerIdentity()
        #expect(identity.arn.hasSuffix(":user/operator"))
        #expect(identity.userName == "operator")
        #expect(identity.account.count == 12)
    }

    @Test func newKeyIsLiveWithTheRightARN() async throws {
        let moto = try #require(MotoContext.current)
        let (_, name, key) = try await Self.makeUser(moto, "live")
        #expect(key.userName == name)
        #expect(key.status == .active)
        #expect(key.credentials.accessKeyID.hasPrefix("AKIA"))
        let identity = try await Self.sts(moto, key.credentials).getCallerIdentity()
        #expect(identity.arn == "arn:aws:iam::\(identity.account):user/\(name)")
        #expect(identity.userName == name)
        let account = try await STSClient(configuration: moto.configuration).getAccessKeyInfo(accessKeyID: key.credentials.accessKeyID)
        #expect(account == identity.account)
    }

    @Test func madeUpKeyIsInvalid() async throws {
        let moto = try #require(MotoContext.current)
        let fake = AWSCredentials(accessKeyID: "AKIAVFBQ7ZK2MADE4UPK", secretAccessKey: "Made2Lq9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
        await #expect(throws: AWSError.invalidClientTokenId("The security token included in the request is invalid.")) {
            _ = try await Self.sts(moto, fake).getCallerIdentity()
        }
    }

    @Test func wrongSecretIsASignatureMismatch() async throws {
        let moto = try #require(MotoContext.current)
        let (_, _, key) = try await Self.makeUser(moto, "wrongsecret")
        let wrong = AWSCredentials(accessKeyID: key.credentials.accessKeyID, secretAccessKey: "Wrong2q9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
        do {
            _ = try await Self.sts(moto, wrong).getCallerIdentity()
            Issue.record("a wrong secret must be refused")
        } catch let error as AWSError {
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(!"\(error)".contains(key.credentials.secretAccessKey))
        }
    }

    @Test func deletedKeyIsInvalid() async throws {
        let moto = try #require(MotoContext.current)
        let (iam, name, key) = try await Self.makeUser(moto, "deleted")
        _ = try await Self.sts(moto, key.credentials).getCallerIdentity()
        try await iam.deleteAccessKey(accessKeyID: key.credentials.accessKeyID, userName: name)
        await #expect(throws: AWSError.self) { _ = try await Self.sts(moto, key.credentials).getCallerIdentity() }
        do {
            _ = try await Self.sts(moto, key.credentials).getCallerIdentity()
        } catch let error as AWSError {
            #expect(error.code == "InvalidClientTokenId")
        }
        #expect(try await iam.listAccessKeys(userName: name).isEmpty)
        try await iam.deleteUser(userName: name)
        await #expect(throws: AWSError.self) { _ = try await iam.listAccessKeys(userName: name) }
    }

    @Test func updateAccessKeyShowsInListAccessKeys() async throws {
        let moto = try #require(MotoContext.current)
        let (iam, name, key) = try await Self.makeUser(moto, "inactive")
        try await iam.updateAccessKey(accessKeyID: key.credentials.accessKeyID, status: .inactive, userName: name)
        let keys = try await iam.listAccessKeys(userName: name)
        #expect(keys.count == 1)
        #expect(keys.first?.accessKeyID == key.credentials.accessKeyID)
        #expect(keys.first?.status == .inactive)
        try await iam.updateAccessKey(accessKeyID: key.credentials.accessKeyID, status: .active, userName: name)
        #expect(try await iam.listAccessKeys(userName: name).first?.status == .active)
    }

    @Test func thirdKeyHitsTheLimit() async throws {
        let moto = try #require(MotoContext.current)
        let (iam, name, _) = try await Self.makeUser(moto, "limit")
        _ = try await iam.createAccessKey(userName: name)
        do {
            _ = try await iam.createAccessKey(userName: name)
            Issue.record("a third key must fail")
        } catch let error as AWSError {
            #expect(error.code == "LimitExceeded")
        }
    }

    @Test func missingUserIsNoSuchEntity() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        do {
            _ = try await iam.listAccessKeys(userName: "nobody-\(UUID().uuidString.prefix(8))")
            Issue.record("an unknown user must fail")
        } catch let error as AWSError {
            #expect(error.code == "NoSuchEntity")
        }
    }

    @Test func usersPoliciesAndLastUse() async throws {
        let moto = try #require(MotoContext.current)
        let (iam, name, key) = try await Self.makeUser(moto, "listed")
        #expect(try await iam.listUsers().contains { $0.userName == name })
        let policyArn = try await iam.createPolicy(
            name: "AWSCompromisedKeyQuarantineV3-\(name)", policyDocument: MotoServer.allowAllPolicy)
        try await iam.attachUserPolicy(userName: name, policyArn: policyArn)
        let policies = try await iam.listAttachedUserPolicies(userName: name)
        #expect(policies.map(\.policyArn) == [policyArn])
        _ = try await Self.sts(moto, key.credentials).getCallerIdentity()
        let used = try await iam.getAccessKeyLastUsed(accessKeyID: key.credentials.accessKeyID)
        #expect(used.userName == name)
        #expect(used.lastUsedDate != nil)
    }

    @Test func secretsManagerRoundTrip() async throws {
        let moto = try #require(MotoContext.current)
        let secrets = try SecretsManagerClient(configuration: moto.configuration)
        let name = "keyward/test-\(UUID().uuidString.prefix(8))"
        let created = try await secrets.createSecret(name: name, secretString: "first")
        #expect(created.name == name)
        let put = try await secrets.putSecretValue(secretID: name, secretString: #"{"aws_secret_access_key":"second"}"#)
        #expect(put.versionID != nil)
        #expect(put.versionID != created.versionID)
        let value = try await secrets.getSecretValue(secretID: name)
        #expect(value.secretString == #"{"aws_secret_access_key":"second"}"#)
        #expect(value.version.arn == created.arn)
        await #expect(throws: AWSError.self) { _ = try await secrets.getSecretValue(secretID: name + "-missing") }
        do {
            _ = try await secrets.putSecretValue(secretID: name + "-missing", secretString: "x")
        } catch let error as AWSError {
            #expect(error.code == "NoSuchEntity")
        }
    }
}
