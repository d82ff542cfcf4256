import Foundation

/// The IAM Query API (version 2010-05-08): the calls keyward needs to find, rotate and retire keys.
///
/// Lists follow `IsTruncated`/`Marker` to the end. Read-only calls are retried on throttling, server and
/// network errors; calls that change something only on throttling.
public struct IAMClient: Sendable {
    let core: AWSServiceClient
    static let version = "2010-05-08"
    /// A bound on pages fetched by one list call, against a service that never stops paging.
    static let maxPages = 10_000

    /// A client that signs with `credentials` and talks to `endpoint`.
    public init(credentials: AWSCredentials, endpoint: AWSEndpoint, options: AWSClientOptions = AWSClientOptions()) {
        core = AWSServiceClient(credentials: credentials, endpoint: endpoint, options: options)
    }

    /// A client for the configuration's credentials and IAM endpoint; `AWSError.noCredentials` without credentials.
    public init(configuration: AWSConfiguration, options: AWSClientOptions = AWSClientOptions()) throws {
        self.init(
            credentials: try configuration.requireCredentials(), endpoint: configuration.endpoint(for: .iam),
            options: options)
    }

    /// ListUsers: every user in the account.
    public func listUsers() async throws -> [IAMUser] {
        try await paginate(parameters("ListUsers"), list: "Users").map(Self.user)
    }

    /// ListAccessKeys: the keys of a user (nil: the caller's own).
    public func listAccessKeys(userName: String? = nil) async throws -> [AccessKeyMetadata] {
        try await listAccessKeysWithServerDate(userName: userName).keys
    }

    /// ListAccessKeys, plus the service's clock (`Date` header of the last page) to compare `createDate`s with.
    public func listAccessKeysWithServerDate(
        userName: String? = nil
    ) async throws -> (keys: [AccessKeyMetadata], serverDate: Date?) {
        var query = parameters("ListAccessKeys")
        query.add("UserName", userName)
        let (nodes, date) = try await paginateWithDate(query, list: "AccessKeyMetadata")
        let keys = nodes.map { node in
            AccessKeyMetadata(
                userName: node.string("UserName") ?? userName ?? "",
                accessKeyID: node.string("AccessKeyId") ?? "",
                status: AccessKeyStatus(rawValue: node.string("Status") ?? "") ?? .inactive,
                createDate: node.string("CreateDate").flatMap(AWSDate.parseISO8601))
        }
        return (keys, date)
    }

    /// GetAccessKeyLastUsed: when, where and by whom a key of the caller's account was last used.
    public func getAccessKeyLastUsed(accessKeyID: String) async throws -> AccessKeyLastUsed {
        var query = parameters("GetAccessKeyLastUsed")
        query.add("AccessKeyId", accessKeyID)
        let root = try await core.query(query, idempotent: true)
        guard let result = root.child("GetAccessKeyLastUsedResult") else {
            throw AWSError.malformedResponse("iam GetAccessKeyLastUsed: no result")
        }
        let used = result.child("AccessKeyLastUsed")
        return AccessKeyLastUsed(
            userName: result.string("UserName"),
            lastUsedDate: used?.string("LastUsedDate").flatMap(AWSDate.parseISO8601),
            serviceName: used?.string("ServiceName"), region: used?.string("Region"))
    }

    /// CreateAccessKey: a new pair for a user (nil: the caller); `LimitExceeded` when the user has two.
    public func createAccessKey(userName: String? = nil) async throws -> NewAccessKey {
        var query = parameters("CreateAccessKey")
        query.add("UserName", userName)
        let root = try await core.query(query, idempotent: false)
        guard let key = root.at("CreateAccessKeyResult/AccessKey"), let keyID = key.string("AccessKeyId"),
            let secret = key.string("SecretAccessKey")
        else { throw AWSError.malformedResponse("iam CreateAccessKey: no AccessKeyId/SecretAccessKey") }
        return NewAccessKey(
            userName: key.string("UserName") ?? userName ?? "",
            credentials: AWSCredentials(accessKeyID: keyID, secretAccessKey: secret),
            status: AccessKeyStatus(rawValue: key.string("Status") ?? "") ?? .active,
            createDate: key.string("CreateDate").flatMap(AWSDate.parseISO8601))
    }

    /// UpdateAccessKey: switches a key on or off.
    public func updateAccessKey(accessKeyID: String, status: AccessKeyStatus, userName: String? = nil) async throws {
        var query = parameters("UpdateAccessKey")
        query.add("AccessKeyId", accessKeyID)
        query.add("Status", status.rawValue)
        query.add("UserName", userName)
        _ = try await core.query(query, idempotent: true)
    }

    /// DeleteAccessKey: removes a key for good. Retried like a read (a repeat of a delete whose answer
    /// was lost gets `NoSuchEntity`, which callers treat as done).
    public func deleteAccessKey(accessKeyID: String, userName: String? = nil) async throws {
        var query = parameters("DeleteAccessKey")
        query.add("AccessKeyId", accessKeyID)
        query.add("UserName", userName)
        _ = try await core.query(query, idempotent: true)
    }

    /// ListAttachedUserPolicies: the managed policies attached to a user.
    public func listAttachedUserPolicies(userName: String) async throws -> [AttachedPolicy] {
        var query = parameters("ListAttachedUserPolicies")
        query.add("UserName", userName)
        return try await paginate(query, list: "AttachedPolicies").map { node in
            AttachedPolicy(policyName: node.string("PolicyName") ?? "", policyArn: node.string("PolicyArn") ?? "")
        }
    }

    func parameters(_ action: String) -> QueryParameters {
        QueryParameters(action: action, version: Self.version)
    }

    /// Calls a list action until `IsTruncated` is false and returns every `member` of `list`.
    package func paginate(_ first: QueryParameters, list: String) async throws -> [XMLNode] {
        try await paginateWithDate(first, list: list).members
    }

    /// `paginate`, plus the server's `Date` header of the last page.
    package func paginateWithDate(
        _ first: QueryParameters, list: String
    ) async throws -> (members: [XMLNode], serverDate: Date?) {
        let action = first.value("Action") ?? "?"
        var members: [XMLNode] = []
        var marker: String?
        for _ in 0..<Self.maxPages {
            var query = first
            query.add("Marker", marker)
            let (root, date) = try await core.queryWithDate(query, idempotent: true)
            guard let result = root.child("\(action)Result") else {
                throw AWSError.malformedResponse("iam \(action): no \(action)Result")
            }
            members += result.members(list)
            guard result.string("IsTruncated") == "true" else { return (members, date) }
            guard let next = result.string("Marker"), !next.isEmpty, next != marker else {
                throw AWSError.malformedResponse("iam \(action): IsTruncated without a new Marker")
            }
            marker = next
        }
        throw AWSError.malformedResponse("iam \(action): more than \(Self.maxPages) pages")
    }

    static func user(_ node: XMLNode) -> IAMUser {
        IAMUser(
            userName: node.string("UserName") ?? "", userID: node.string("UserId") ?? "",
            arn: node.string("Arn") ?? "", path: node.string("Path") ?? "/",
            createDate: node.string("CreateDate").flatMap(AWSDate.parseISO8601))
    }
}
