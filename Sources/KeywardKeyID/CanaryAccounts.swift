

/// Canary (honeytoken) keys: a key whose account is a canary account is never sent to AWS.
///
/// A canary key alerts its owner when it is used, and `--verify` signing with it would be exactly
/// that use; the published accounts come from `rules/aws-canary-accounts.txt`.
public enum CanaryAccounts {
    /// The canary account of a key ID (offline decoding), nil when it is not a canary.
    public static func account(of keyID: String, extra: Set<String> = []) -> String? {
        guard let account = AWSKeyID(keyID)?.account else { return nil }
        return published.contains(account) || extra.contains(account) ? account : nil
    }
}
