import Foundation

/// An AWS access key pair, optionally with an STS session token and an expiration.
///
/// `description` never shows the secret or the token, so a value can be logged or interpolated safely.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key ID, e.g. `AKIA…`; an identifier, shown whole.
    public let accessKeyID: String
    /// The secret access key; never printed.
    public let secretAccessKey: String
    /// The session token of temporary credentials; never printed.
    public let sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys or when the source did not say.
    public let expiration: Date?

    /// Creates a credential set; an empty session token counts as none.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = (sessionToken?.isEmpty ?? true) ? nil : sessionToken
        self.expiration = expiration
    }

    /// The key ID with the secret redacted.
    public var description: String {
        "AWSCredentials(\(accessKeyID), secret: <redacted>\(sessionToken == nil ? "" : ", session token: <redacted>"))"
    }
}
