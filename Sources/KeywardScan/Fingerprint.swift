import Crypto

/// Stable identity of a finding: the same secret, found by the same rule in the same file, has the
/// same fingerprint wherever its line moves. Baselines store these (never the secret).
public enum Fingerprint {
    /// `sha256:` + hex of `rule \0 path \0 secret`.
    public static func of(ruleID: String, path: String, secret: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(ruleID.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(path.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(secret.utf8))
        return "sha256:" + hex(hasher.finalize())
    }

    /// Lowercase hex of a digest's bytes.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
