import Foundation
import KeywardKeyID

/// Asks AWS whether found keys are live and, given operator credentials, who owns them and how they are used.
///
/// Each distinct key ID is checked once: STS GetCallerIdentity signed with each distinct found secret
/// until one works. With operator credentials (the configuration's), it also reads the owning account
/// (GetAccessKeyInfo), last use and owner (GetAccessKeyLastUsed, else ListUsers + ListAccessKeys), the
/// key's status (ListAccessKeys) and quarantine policies (ListAttachedUserPolicies).
public struct KeyVerifier: Sendable {
    /// Where to send requests; its credentials, if any, are the operator's.
    public let configuration: AWSConfiguration
    /// Transport, retries, clock.
    public let options: AWSClientOptions
    /// Keys checked at the same time.
    public let maxConcurrent: Int
    /// Managed policies with this prefix mark a key AWS found exposed.
    public static let quarantinePrefix = "AWSCompromisedKeyQuarantine"
    /// At most this many distinct secrets are tried for one key.
    static let maxSecretsPerKey = 3

    /// Quiet, signing, or quiet where the operator can see the key's account.
    public let mode: KeyVerification.Mode
    /// Canary accounts besides the published ones (`--canary-account`).
    public let extraCanaryAccounts: Set<String>

    /// Creates a verifier.
    public init(
        configuration: AWSConfiguration, options: AWSClientOptions = AWSClientOptions(), maxConcurrent: Int = 4,
        mode: KeyVerification.Mode = .auto, extraCanaryAccounts: Set<String> = []
    ) {
        self.configuration = configuration
        self.options = options
        self.maxConcurrent = max(1, maxConcurrent)
        self.mode = mode
        self.extraCanaryAccounts = extraCanaryAccounts
    }

    /// One result per distinct key ID, in order of first appearance.
    public func verify(_ candidates: [KeyCandidate]) async -> [KeyVerification] {
        var order: [String] = []
        var secrets: [String: [FoundPair]] = [:]
        for candidate in candidates {
            let keyID = candidate.keyID.trimmingCharacters(in: .whitespaces)
            if secrets[keyID] == nil {
                order.append(keyID)
                secrets[keyID] = []
            }
            if let secret = candidate.secret, !secret.isEmpty {
                let pair = FoundPair(secret: secret, sessionToken: candidate.sessionToken)
                if secrets[keyID]?.contains(pair) == false { secrets[keyID]?.append(pair) }
            }
        }
        let operatorContext = configuration.credentials.map {
            OperatorContext(credentials: $0, configuration: configuration, options: options)
        }
        var results = [KeyVerification?](repeating: nil, count: order.count)
        await withTaskGroup(of: (Int, KeyVerification).self) { group in
            var next = 0
            func addNext() {
                guard next < order.count else { return }
                let index = next
                let keyID = order[index]
                let pairs = Array((secrets[keyID] ?? []).prefix(Self.maxSecretsPerKey))
                next += 1
                group.addTask { (index, await self.verify(keyID: keyID, secrets: pairs, operator: operatorContext)) }
            }
            for _ in 0..<maxConcurrent { addNext() }
            for await (index, result) in group {
                results[index] = result
                addNext()
            }
        }
        return results.enumerated().map { $0.element ?? KeyVerification(keyID: order[$0.offset], status: .error) }
    }

    /// Checks one key: a canary is never sent; quietly when the operator can see the key's account
    /// (and the mode allows); else liveness with its secrets, then what the operator can see.
    func verify(keyID: String, secrets: [FoundPair], operator context: OperatorContext?) async -> KeyVerification {
        if let account = CanaryAccounts.account(of: keyID, extra: extraCanaryAccounts) {
            var canary = KeyVerification(
                keyID: keyID, status: .canary,
                detail: "canary (honeytoken) key of account \(account): not sent to AWS (using it would alert its owner); never rotated")
            canary.account = account
            canary.method = .offline
            return canary
        }
        if mode != .sign {
            if let context, await context.canSeeQuietly(keyID) {
                var result = await context.quiet(keyID: keyID, secretFound: !secrets.isEmpty)
                result.method = .quiet
                return result
            }
            if mode == .quiet {
                var result = KeyVerification(
                    keyID: keyID, status: .unverified,
                    detail: context == nil
                        ? "quiet verification needs operator credentials; the leaked key was not used (--verify=sign signs with it)"
                        : "the operator's credentials cannot see this key's account; the leaked key was not used (--verify=sign signs with it)")
                result.method = .quiet
                return result
            }
        }
        var result = await liveness(keyID: keyID, secrets: secrets)
        result.method = .sign
        if let context {
            result = await context.describe(result)
        }
        return result
    }

    /// GetCallerIdentity with each pair until one authenticates. A temporary key (`ASIA…`) is only sent
    /// with a session token: without one AWS always refuses it, which says nothing about the key.
    func liveness(keyID: String, secrets found: [FoundPair]) async -> KeyVerification {
        let temporary = AWSKeyID.isTemporary(keyID)
        let secrets = temporary ? found.filter { $0.sessionToken != nil } : found
        guard !secrets.isEmpty else {
            if temporary, !found.isEmpty {
                return KeyVerification(
                    keyID: keyID, status: .unverified,
                    detail: "temporary (ASIA) key: no session token found with its secret, so it was not tried")
            }
            return KeyVerification(keyID: keyID, status: .unverified, detail: "no secret found for this key")
        }
        var mismatches = 0
        var lastError: AWSError?
        for pair in secrets {
            let sts = STSClient(
                credentials: AWSCredentials(
                    accessKeyID: keyID, secretAccessKey: pair.secret, sessionToken: pair.sessionToken),
                endpoint: configuration.endpoint(for: .sts), options: options)
            do {
                let identity = try await sts.getCallerIdentity()
                var live = KeyVerification(keyID: keyID, status: .live)
                live.arn = identity.arn
                live.account = identity.account
                live.user = identity.userName
                return live
            } catch let error as AWSError {
                switch error {
                case .invalidClientTokenId:
                    return KeyVerification(
                        keyID: keyID, status: .invalid,
                        detail: "AWS refused the key: unknown, deleted or inactive (InvalidClientTokenId)")
                case .signatureDoesNotMatch:
                    mismatches += 1
                case .other(let code, _, _) where code == "ExpiredToken" || code == "ExpiredTokenException":
                    return KeyVerification(
                        keyID: keyID, status: .invalid, detail: "the session token has expired (ExpiredToken)")
                default:
                    lastError = error
                }
            } catch {
                lastError = .transport("\(type(of: error))")
            }
        }
        if let lastError {
            return KeyVerification(keyID: keyID, status: .error, detail: "GetCallerIdentity: \(lastError)")
        }
        let noun = mismatches == 1 ? "the found secret does" : "none of the \(mismatches) found secrets"
        return KeyVerification(
            keyID: keyID, status: .invalid,
            detail: "the key exists but \(noun) match\(mismatches == 1 ? "" : "es") it (SignatureDoesNotMatch)")
    }
}

/// A secret found with a key, and the session token found with it (temporary keys).
struct FoundPair: Sendable, Equatable {
    var secret: String
    var sessionToken: String?
}
