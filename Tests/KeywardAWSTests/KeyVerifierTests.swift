import Foundation
import KeywardAWS
import TestSupport
import Testing

/// `KeyVerifier` end to end against moto.
@Suite(.motoServer) struct KeyVerifierTests {
    static func user(_ iam: IAMClient, _ prefix: String) async throws -> (String, NewAccessKey) {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await iam.createUser(userName: name)
        return (name, try await iam.createAccessKey(userName: name))
    }

    @Test func withOperatorCredentials() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        let (liveUser, live) = try await Self.user(iam, "verify-live")
        let quarantine = try await iam.createPolicy(
            name: "AWSCompromisedKeyQuarantineV2-\(liveUser)", policyDocument: MotoServer.allowAllPolicy)
        try await iam.attachUserPolicy(userName: liveUser, policyArn: quarantine)
        let (idleUser, idle) = try await Self.user(iam, "verify-nosecret")
        try await iam.updateAccessKey(accessKeyID: idle.credentials.accessKeyID, status: .inactive, userName: idleUser)
        let (goneUser, gone) = try await Self.user(iam, "verify-deleted")
        try await iam.deleteAccessKey(accessKeyID: gone.credentials.accessKeyID, userName: goneUser)
        let madeUp = "AKIAVFBQ7ZK2MADE4UPK"
        let wrongSecret = "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"

        let verifier = KeyVerifier(configuration: moto.configuration, maxConcurrent: 2, mode: .sign)
        let results = await verifier.verify([
            KeyCandidate(keyID: live.credentials.accessKeyID, secret: wrongSecret),
            KeyCandidate(keyID: madeUp, secret: wrongSecret),
            KeyCandidate(keyID: live.credentials.accessKeyID, secret: live.credentials.secretAccessKey),
            KeyCandidate(keyID: idle.credentials.accessKeyID),
            KeyCandidate(keyID: gone.credentials.accessKeyID, secret: gone.credentials.secretAccessKey),
            KeyCandidate(keyID: live.credentials.accessKeyID),
        ])
        #expect(results.map(\.keyID) == [live.credentials.accessKeyID, madeUp, idle.credentials.accessKeyID, gone.credentials.accessKeyID])

        let liveResult = results[0]
        #expect(liveResult.status == .live)
        #expect(liveResult.arn?.hasSuffix(":user/\(liveUser)") == true)
        #expect(liveResult.account?.count == 12)
        #expect(liveResult.user == liveUser)
        #expect(liveResult.keyStatus == .active)
        #expect(liveResult.lastUsedDate != nil)
        #expect(liveResult.lastUsedService == "sts")
        #expect(liveResult.quarantinePolicies == ["AWSCompromisedKeyQuarantineV2-\(liveUser)"])

        #expect(results[1].status == .invalid)
        #expect(results[1].detail?.contains("InvalidClientTokenId") == true)

        let idleResult = results[2]
        #expect(idleResult.status == .unverified)
        #expect(idleResult.user == idleUser)
        #expect(idleResult.keyStatus == .inactive)

        #expect(results[3].status == .invalid)
        #expect(results[3].keyStatus == nil)

        for result in results {
            let text = "\(result)"
            #expect(!text.contains(live.credentials.secretAccessKey))
            #expect(!text.contains(wrongSecret))
        }
    }

    @Test func wrongSecretOnlyIsInvalid() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        let (_, key) = try await Self.user(iam, "verify-wrong")
        let verifier = KeyVerifier(configuration: moto.server.configuration(credentials: nil))
        let results = await verifier.verify([
            KeyCandidate(keyID: key.credentials.accessKeyID, secret: "Wrong2q9Zr4Wx1Vn8Ks3Jd6Fb0Gm5Tp/Ye+Ra2Nc")
        ])
        #expect(results.count == 1)
        #expect(results.first?.status == .invalid)
        #expect(results.first?.detail?.contains("SignatureDoesNotMatch") == true)
    }

    @Test func withoutOperatorCredentials() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        let (name, key) = try await Self.user(iam, "verify-anon")
        let verifier = KeyVerifier(configuration: moto.server.configuration(credentials: nil))
        let results = await verifier.verify([
            KeyCandidate(keyID: key.credentials.accessKeyID, secret: key.credentials.secretAccessKey),
            KeyCandidate(keyID: "AKIAVFBQ7ZK2NOSE4CRT"),
        ])
        #expect(results.map(\.status) == [.live, .unverified])
        #expect(results[0].user == name)
        #expect(results[0].keyStatus == nil)
        #expect(results[0].lastUsedDate == nil)
        #expect(results[1].detail == "no secret found for this key")
    }

    @Test func manyKeysWithBoundedConcurrency() async throws {
        let moto = try #require(MotoContext.current)
        let iam = try IAMClient(configuration: moto.configuration)
        var candidates: [KeyCandidate] = []
        for index in 0..<6 {
            let (_, key) = try await Self.user(iam, "verify-many\(index)")
            candidates.append(KeyCandidate(keyID: key.credentials.accessKeyID, secret: key.credentials.secretAccessKey))
        }
        let results = await KeyVerifier(configuration: moto.configuration, maxConcurrent: 4).verify(candidates)
        #expect(results.map(\.keyID) == candidates.map(\.keyID))
        #expect(results.allSatisfy { $0.status == .live && $0.keyStatus == .active })
    }
}
