/// Everything that can go wrong talking to AWS or reading AWS configuration.
///
/// Messages name the service, action, key ID or file involved, never a secret; service messages are
/// cut to 300 characters.
public enum AWSError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `NoSuchEntity` / `ResourceNotFoundException`: the user, key, policy or secret does not exist.
    case noSuchEntity(String)
    /// `LimitExceeded`: a quota, e.g. a third access key for one user.
    case limitExceeded(String)
    /// `InvalidClientTokenId` (or `UnrecognizedClientException`): AWS does not know the access key.
    case invalidClientTokenId(String)
    /// `SignatureDoesNotMatch` (or `InvalidSignatureException`): the secret does not belong to the key.
    case signatureDoesNotMatch(String)
    /// `AccessDenied` / `AccessDeniedException`: the caller lacks a permission.
    case accessDenied(String)
    /// `Throttling` and its kin: too many requests; still throttled after the retries.
    case throttling(String)
    /// Any other service error, with its code, message and HTTP status.
    case other(code: String, message: String, status: Int)
    /// The request did not get an HTTP answer (connection refused, DNS, TLS…).
    case transport(String)
    /// No answer from the host within the timeout.
    case timeout(host: String)
    /// The service answered something keyward cannot read.
    case malformedResponse(String)
    /// No credentials were found where they were looked for.
    case noCredentials(String)
    /// AWS configuration (profile, files, endpoint URL) is unusable.
    case configuration(String)

    /// The AWS error code (`NoSuchEntity`, `Throttling`…), or a keyward pseudo-code for local failures.
    public var code: String {
        switch self {
        case .noSuchEntity: return "NoSuchEntity"
        case .limitExceeded: return "LimitExceeded"
        case .invalidClientTokenId: return "InvalidClientTokenId"
        case .signatureDoesNotMatch: return "SignatureDoesNotMatch"
        case .accessDenied: return "AccessDenied"
        case .throttling: return "Throttling"
        case .other(let code, _, _): return code
        case .transport: return "Transport"
        case .timeout: return "Timeout"
        case .malformedResponse: return "MalformedResponse"
        case .noCredentials: return "NoCredentials"
        case .configuration: return "Configuration"
        }
    }

    /// The key or its signature was refused: the pair cannot authenticate.
    public var isAuthenticationFailure: Bool {
        switch self {
        case .invalidClientTokenId, .signatureDoesNotMatch: return true
        default: return false
        }
    }

    /// One line: code and message.
    public var description: String {
        switch self {
        case .noSuchEntity(let m), .limitExceeded(let m), .invalidClientTokenId(let m),
            .signatureDoesNotMatch(let m), .accessDenied(let m), .throttling(let m):
            return "\(code): \(m)"
        case .other(let code, let message, let status):
            return "\(code) (HTTP \(status)): \(message)"
        case .transport(let m): return "network error: \(m)"
        case .timeout(let host): return "timed out waiting for \(host)"
        case .malformedResponse(let m): return "unreadable AWS response: \(m)"
        case .noCredentials(let m): return "no AWS credentials: \(m)"
        case .configuration(let m): return "AWS configuration error: \(m)"
        }
    }

    /// Maps a service error code to a case; `status` is the HTTP status.
    package static func from(code: String, message: String, status: Int) -> AWSError {
        let message = message.count > 300 ? String(message.prefix(300)) + "…" : message
        switch code {
        case "NoSuchEntity", "NoSuchEntityException", "ResourceNotFoundException": return .noSuchEntity(message)
        case "LimitExceeded", "LimitExceededException": return .limitExceeded(message)
        case "InvalidClientTokenId", "UnrecognizedClientException": return .invalidClientTokenId(message)
        case "SignatureDoesNotMatch", "InvalidSignatureException": return .signatureDoesNotMatch(message)
        case "AccessDenied", "AccessDeniedException": return .accessDenied(message)
        case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "RequestThrottled", "RequestThrottledException", "SlowDown":
            return .throttling(message)
        default: return .other(code: code, message: message, status: status)
        }
    }
}
