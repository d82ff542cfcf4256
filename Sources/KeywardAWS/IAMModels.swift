import Foundation

/// Who a key pair belongs to, as STS GetCallerIdentity says.
public struct CallerIdentity: Sendable, Equatable {
    /// The 12-digit account ID.
    public var account: String
    /// The caller's ARN, e.g. `arn:aws:iam::123456789012:user/ci-bot`.
    public var arn: String
    /// The unique ID of the user or role session.
    public var userID: String

    /// Creates an identity.
    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }

    /// The IAM user name when the ARN is an IAM user's (`…:user/path/NAME` → `NAME`), else nil.
    public var userName: String? {
        guard let resource = arn.split(separator: ":", maxSplits: 5).last, resource.hasPrefix("user/") else {
            return nil
        }
        return resource.split(separator: "/").last.map(String.init)
    }
}

/// An IAM user, as ListUsers and CreateUser return it.
public struct IAMUser: Sendable, Equatable {
    /// The user name.
    public var userName: String
    /// The unique ID (`AIDA…`).
    public var userID: String
    /// The ARN.
    public var arn: String
    /// The path, `/` by default.
    public var path: String
    /// When the user was created.
    public var createDate: Date?
}

/// Whether an access key can sign requests.
public enum AccessKeyStatus: String, Sendable, Equatable {
    /// The key works.
    case active = "Active"
    /// The key is switched off (it can be switched back on).
    case inactive = "Inactive"
}

/// An access key's metadata, as ListAccessKeys returns it (never the secret).
public struct AccessKeyMetadata: Sendable, Equatable {
    /// The owning user.
    public var userName: String
    /// The access key ID.
    public var accessKeyID: String
    /// Active or inactive.
    public var status: AccessKeyStatus
    /// When the key was created.
    public var createDate: Date?
}

/// A freshly created key pair; `description` redacts the secret.
public struct NewAccessKey: Sendable, Equatable, CustomStringConvertible {
    /// The owning user.
    public var userName: String
    /// The key pair.
    public var credentials: AWSCredentials
    /// Its status (Active on creation).
    public var status: AccessKeyStatus
    /// When it was created.
    public var createDate: Date?

    /// The key ID and user, never the secret.
    public var description: String { "NewAccessKey(\(credentials.accessKeyID), user: \(userName))" }
}

/// When and where an access key was last used, as GetAccessKeyLastUsed says.
public struct AccessKeyLastUsed: Sendable, Equatable {
    /// The owning user (IAM answers this for any key in the caller's account).
    public var userName: String?
    /// The last use; nil when never used (or not tracked).
    public var lastUsedDate: Date?
    /// The service last called (`N/A` when never used).
    public var serviceName: String?
    /// The region last called in (`N/A` when never used).
    public var region: String?
}

/// A managed policy attached to a user.
public struct AttachedPolicy: Sendable, Equatable {
    /// The policy name.
    public var policyName: String
    /// The policy ARN.
    public var policyArn: String
}
