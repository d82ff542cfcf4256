import Foundation

/// Parses durations like `90s`, `30m`, `24h`, `7d` (a bare number is seconds).
public enum GraceDuration {
    /// Seconds in `text`; `RemediationError.invalidArgument` when it is not a duration.
    public static func parse(_ text: String) throws -> TimeInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var number = trimmed
        var factor = 1.0
        if let unit = units.first(where: { trimmed.hasSuffix($0.0) }) {
            number = String(trimmed.dropLast())
            factor = unit.1
        }
        guard let value = Double(number), value >= 0, value.isFinite else {
            throw RemediationError.invalidArgument("--grace \(text): expected a duration like 30m, 24h or 0s")
        }
        return value * factor
    }
}
