/// Turns a secret into something safe to print.
public enum Redaction {
    /// `AKIA…35Y` for long values (first 4, last 3), `…` for short ones: never more than 7 characters
    /// of the secret, and never more than a quarter of it.
    public static func redact(_ secret: String) -> String {
        let chars = Array(secret)
        guard chars.count >= 28 || (chars.count >= 16 && secret.hasPrefix("A")) else {
            return chars.count >= 12 ? String(chars.prefix(2)) + "…" : "…"
        }
        return String(chars.prefix(4)) + "…" + String(chars.suffix(3))
    }
}
