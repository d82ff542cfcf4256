import Foundation
import KeywardKeyID

/// What the operator's credentials can tell about a key; shared by all keys of one `verify` call.
struct OperatorContext: Sendable {
    let iam: IAMClient
    let sts: STSClient
    let cache = OperatorCache()

    init(credentials: AWSCredentials, configuration: AWSConfiguration, options: AWSClientOptions) {
        iam = IAMClient(credentials: credentials, endpoint: configuration.endpoint(for: .iam), options: options)
        sts = STSClient(credentials: credentials, endpoint: configuration.endpoint(for: .sts), options: options)
    }

    /// Adds account, owner, status, last use and quarantine policies to a liveness result.
    func describe(_ input: KeyVerification) async -> KeyVerification {
        await describeDetailed(input).result
    }

    /// Whether the key is an IAM user key of the operator's own account (offline decoding, else
    /// GetAccessKeyInfo): then its state can be read without the leaked key signing anything.
    func canSeeQuietly(_ keyID: String) async -> Bool {
        guard !AWSKeyID.isTemporary(keyID), let own = await cache.operatorAccount(sts) else { return false }
        if let account = AWSKeyID(keyID)?.account { return account == own }
        return (try? await sts.getAccessKeyInfo(accessKeyID: keyID)) == own
    }

    /// The quiet verdict: `live` when the key is Active in IAM (the found secret is not tried: the
    /// conservative answer), `invalid` when it is Inactive or no user holds it, `unverified` when it
    /// is Active but no secret was found, `error` when IAM could not answer.
    func quiet(keyID: String, secretFound: Bool) async -> KeyVerification {
        var (result, absent, failed) = await describeDetailed(KeyVerification(keyID: keyID, status: .unverified))
        var notes: [String] = []
        if absent {
            result.status = .invalid
        } else if result.keyStatus == .active {
            result.status = secretFound ? .live : .unverified
            notes.append(
                secretFound
                    ? "Active in IAM (checked with the operator's credentials; the leaked pair signed nothing)"
                    : "Active in IAM; no secret was found beside it")
        } else if result.keyStatus == .inactive {
            result.status = .invalid
            notes.append("the key exists and is Inactive")
        } else {
            result.status = failed ? .error : .unverified
        }
        if result.account == nil { result.account = AWSKeyID(keyID)?.account }
        return Self.finish(result, notes)
    }

    /// `describe`, plus whether IAM says no user holds the key and whether a call failed.
    func describeDetailed(_ input: KeyVerification) async -> (result: KeyVerification, absent: Bool, failed: Bool) {
        var result = input
        var notes: [String] = []
        var failed = false
        let keyID = result.keyID
        if result.account == nil {
            do {
                result.account = try await sts.getAccessKeyInfo(accessKeyID: keyID)
            } catch {
                notes.append("GetAccessKeyInfo: \(error)")
                failed = true
            }
        }
        let own = await cache.operatorAccount(sts)
        if let account = result.account, let own, account != own {
            notes.append("the key belongs to account \(account); the operator credentials are for account \(own)")
            return (Self.finish(result, notes), false, false)
        }
        // Temporary (STS) credentials belong to no IAM user: the IAM views below say nothing of them,
        // and their absence there must not turn `unverified` into `invalid`.
        if AWSKeyID.isTemporary(keyID) { return (Self.finish(result, notes), false, false) }
        var absent = false
        do {
            let used = try await iam.getAccessKeyLastUsed(accessKeyID: keyID)
            result.lastUsedDate = used.lastUsedDate
            result.lastUsedService = used.serviceName.flatMap { $0 == "N/A" ? nil : $0 }
            result.lastUsedRegion = used.region.flatMap { $0 == "N/A" ? nil : $0 }
            if result.user == nil { result.user = used.userName.flatMap { $0.isEmpty ? nil : $0 } }
        } catch AWSError.noSuchEntity {
            absent = true
        } catch {
            notes.append("GetAccessKeyLastUsed: \(error)")
            failed = true
        }
        if result.user == nil, !absent {
            switch await cache.owner(of: keyID, iam: iam) {
            case .success(let owner?): result.user = owner
            case .success(nil): absent = true
            case .failure(let error):
                notes.append("looking for the owner with ListUsers/ListAccessKeys: \(error)"); failed = true
            }
        }
        if let user = result.user, !absent {
            do {
                let keys = try await iam.listAccessKeys(userName: user)
                result.keyStatus = keys.first { $0.accessKeyID == keyID }?.status
                if result.keyStatus == nil { absent = true }
            } catch {
                notes.append("ListAccessKeys: \(error)")
                failed = true
            }
            do {
                result.quarantinePolicies = try await iam.listAttachedUserPolicies(userName: user)
                    .map(\.policyName).filter { $0.hasPrefix(KeyVerifier.quarantinePrefix) }
            } catch {
                notes.append("ListAttachedUserPolicies: \(error)")
                failed = true
            }
        }
        if result.status == .invalid, result.keyStatus == .inactive {
            notes.append("the key exists and is Inactive")
        }
        if absent {
            notes.append("no IAM user of the operator's account holds this key (deleted?)")
            if result.status == .unverified, result.account != nil, result.account == own {
                result.status = .invalid
            }
        }
        return (Self.finish(result, notes), absent, failed)
    }

    static func finish(_ result: KeyVerification, _ notes: [String]) -> KeyVerification {
        var result = result
        let all = (result.detail.map { [$0] } ?? []) + notes
        result.detail = all.isEmpty ? nil : all.joined(separator: "; ")
        return result
    }
}

/// Answers computed once per `verify` call: the operator's account and the key → user index.
actor OperatorCache {
    private var account: Task<String?, Never>?
    private var index: Task<Result<[String: String], AWSError>, Never>?

    /// The operator's own account (nil when GetCallerIdentity fails).
    func operatorAccount(_ sts: STSClient) async -> String? {
        let task = account ?? Task { try? await sts.getCallerIdentity().account }
        account = task
        return await task.value
    }

    /// The user holding a key, from ListUsers + ListAccessKeys over the whole account (built once).
    func owner(of keyID: String, iam: IAMClient) async -> Result<String?, AWSError> {
        let task =
            index
            ?? Task {
                do {
                    var owners: [String: String] = [:]
                    for user in try await iam.listUsers() {
                        for key in try await iam.listAccessKeys(userName: user.userName) {
                            owners[key.accessKeyID] = user.userName
                        }
                    }
                    return .success(owners)
                } catch let error as AWSError {
                    return .failure(error)
                } catch {
                    return .failure(.transport("\(type(of: error))"))
                }
            }
        index = task
        return await task.value.map { $0[keyID] }
    }
}
