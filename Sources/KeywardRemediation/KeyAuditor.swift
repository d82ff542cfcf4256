import Foundation
import KeywardAWS

/// One access key as `keyward keys audit` reports it (no secret).
public struct AuditedKey: Sendable, Equatable {
    /// CIS AWS Foundations checks a key fails.
    public enum Flag: String, Sendable, Equatable, CaseIterable {
        /// CIS 1.14: an Active key older than the rotation age (90 days by default).
        case rotationDue = "rotate-90d"
        /// CIS 1.12: an Active key unused (or never used) for the unused age (45 days by default).
        case unused = "unused-45d"
        /// CIS 1.13: the user has two Active keys.
        case twoActive = "two-active-keys"
    }

    /// The IAM user.
    public var user: String
    /// The key ID.
    public var keyID: String
    /// `Active` or `Inactive`.
    public var status: AccessKeyStatus
    /// When the key was created.
    public var created: Date?
    /// Whole days since creation.
    public var ageDays: Int?
    /// Last use, if ever.
    public var lastUsed: Date?
    /// The service of the last use.
    public var lastUsedService: String?
    /// Failed checks.
    public var flags: [Flag]
}

/// Lists every user's keys with age, status, last use and the CIS flags, with the operator's credentials.
public struct KeyAuditor: Sendable {
    /// Signs the IAM calls.
    public let iam: IAMClient
    /// The configuration (operator credentials, endpoints).
    public let configuration: AWSConfiguration
    /// Age past which an Active key is due for rotation.
    public var rotationAge: TimeInterval = 90 * 86_400
    /// Idle time past which an Active key counts as unused.
    public var unusedAge: TimeInterval = 45 * 86_400

    /// An auditor signing with the configuration's (operator) credentials.
    public init(configuration: AWSConfiguration, options: AWSClientOptions = AWSClientOptions()) throws {
        iam = try IAMClient(configuration: configuration, options: options)
        self.configuration = configuration
    }

    /// Every key of `users` (all users when empty), as of `now`; throws on any IAM failure (an audit
    /// that silently skipped a user would report it clean).
    public func audit(users wanted: [String] = [], now: Date) async throws -> [AuditedKey] {
        let users = wanted.isEmpty ? try await iam.listUsers().map(\.userName) : wanted
        var result: [AuditedKey] = []
        for user in users.sorted() {
            let keys = try await iam.listAccessKeys(userName: user)
            let active = keys.filter { $0.status == .active }.count
            for key in keys.sorted(by: { $0.accessKeyID < $1.accessKeyID }) {
                let used = try await iam.getAccessKeyLastUsed(accessKeyID: key.accessKeyID)
                var entry = AuditedKey(
                    user: user, keyID: key.accessKeyID, status: key.status, created: key.createDate,
                    ageDays: key.createDate.map { Int(now.timeIntervalSince($0) / 86_400) },
                    lastUsed: used.lastUsedDate, lastUsedService: used.serviceName.flatMap { $0 == "N/A" ? nil : $0 },
                    flags: [])
                if key.status == .active {
                    if let created = key.createDate, now.timeIntervalSince(created) >= rotationAge {
                        entry.flags.append(.rotationDue)
                    }
                    if let idleSince = used.lastUsedDate ?? key.createDate, now.timeIntervalSince(idleSince) >= unusedAge {
                        entry.flags.append(.unused)
                    }
                    if active >= 2 { entry.flags.append(.twoActive) }
                }
                result.append(entry)
            }
        }
        return result
    }

    /// Deactivates a key (UpdateAccessKey Inactive): `--deactivate-unused`.
    public func deactivate(_ key: AuditedKey) async throws {
        try await iam.updateAccessKey(accessKeyID: key.keyID, status: .inactive, userName: key.user)
    }
}
