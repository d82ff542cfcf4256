import Foundation

// Test-only writes (the tests set up users, policies and roles in moto with them): `package`, not public API.
extension IAMClient {
    /// CreateUser: a new IAM user.
    package func createUser(userName: String, path: String? = nil) async throws -> IAMUser {
        var query = parameters("CreateUser")
        query.add("UserName", userName)
        query.add("Path", path)
        let root = try await core.query(query, idempotent: false)
        guard let user = root.at("CreateUserResult/User") else {
            throw AWSError.malformedResponse("iam CreateUser: no User")
        }
        return Self.user(user)
    }

    /// DeleteUser: removes a user (its keys and policies must be gone first).
    package func deleteUser(userName: String) async throws {
        var query = parameters("DeleteUser")
        query.add("UserName", userName)
        _ = try await core.query(query, idempotent: false)
    }

    /// PutUserPolicy: adds or replaces an inline policy (a JSON document) on a user.
    package func putUserPolicy(userName: String, policyName: String, policyDocument: String) async throws {
        var query = parameters("PutUserPolicy")
        query.add("UserName", userName)
        query.add("PolicyName", policyName)
        query.add("PolicyDocument", policyDocument)
        _ = try await core.query(query, idempotent: true)
    }

    /// AttachUserPolicy: attaches a managed policy (by ARN) to a user.
    package func attachUserPolicy(userName: String, policyArn: String) async throws {
        var query = parameters("AttachUserPolicy")
        query.add("UserName", userName)
        query.add("PolicyArn", policyArn)
        _ = try await core.query(query, idempotent: true)
    }
}

extension IAMClient {
    /// CreatePolicy: a customer managed policy; returns its ARN (tests use it to stand in for AWS's own).
    package func createPolicy(name: String, policyDocument: String) async throws -> String {
        var query = parameters("CreatePolicy")
        query.add("PolicyName", name)
        query.add("PolicyDocument", policyDocument)
        let root = try await core.query(query, idempotent: false)
        guard let arn = root.string("CreatePolicyResult/Policy/Arn") else {
            throw AWSError.malformedResponse("iam CreatePolicy: no Arn")
        }
        return arn
    }
}

extension IAMClient {
    /// CreateRole with a trust policy; returns the role's ARN (tests assume it to get temporary keys).
    package func createRole(name: String, trustPolicy: String) async throws -> String {
        var query = parameters("CreateRole")
        query.add("RoleName", name)
        query.add("AssumeRolePolicyDocument", trustPolicy)
        let root = try await core.query(query, idempotent: false)
        guard let arn = root.string("CreateRoleResult/Role/Arn") else {
            throw AWSError.malformedResponse("iam CreateRole: no Arn")
        }
        return arn
    }

    /// PutRolePolicy: an inline policy on a role.
    package func putRolePolicy(roleName: String, policyName: String, policyDocument: String) async throws {
        var query = parameters("PutRolePolicy")
        query.add("RoleName", roleName)
        query.add("PolicyName", policyName)
        query.add("PolicyDocument", policyDocument)
        _ = try await core.query(query, idempotent: true)
    }
}

extension IAMClient {
    /// DeleteUserPolicy: removes an inline policy; `NoSuchEntity` when it is not there.
    package func deleteUserPolicy(userName: String, policyName: String) async throws {
        var query = parameters("DeleteUserPolicy")
        query.add("UserName", userName)
        query.add("PolicyName", policyName)
        _ = try await core.query(query, idempotent: true)
    }

    /// GetUserPolicy: an inline policy's document (URL-decoded JSON).
    package func getUserPolicy(userName: String, policyName: String) async throws -> String {
        var query = parameters("GetUserPolicy")
        query.add("UserName", userName)
        query.add("PolicyName", policyName)
        let root = try await core.query(query, idempotent: true)
        guard let document = root.string("GetUserPolicyResult/PolicyDocument") else {
            throw AWSError.malformedResponse("iam GetUserPolicy: no PolicyDocument")
        }
        return document.removingPercentEncoding ?? document
    }

    /// DetachUserPolicy: detaches a managed policy from a user.
    package func detachUserPolicy(userName: String, policyArn: String) async throws {
        var query = parameters("DetachUserPolicy")
        query.add("UserName", userName)
        query.add("PolicyArn", policyArn)
        _ = try await core.query(query, idempotent: true)
    }
}
