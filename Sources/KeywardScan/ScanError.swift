/// Failures of the scanning library that stop a scan (exit status 2 in the CLI).
public enum ScanError: Error, CustomStringConvertible, Equatable {
    /// A rule, config or baseline file that cannot be used: file, 1-based line, what is wrong.
    case invalidFile(path: String, line: Int, message: String)
    /// A path given to scan does not exist or cannot be read.
    case unreadableRoot(path: String, reason: String)
    /// A rule's regex or allowlist does not compile.
    case invalidPattern(origin: String, ruleID: String, message: String)
    /// A report could not be written.
    case cannotWrite(path: String, reason: String)

    /// One line naming the file and line.
    public var description: String {
        switch self {
        case .invalidFile(let path, let line, let message):
            return "\(path):\(line): \(message)"
        case .unreadableRoot(let path, let reason):
            return "\(path): cannot scan: \(reason)"
        case .invalidPattern(let origin, let ruleID, let message):
            return "\(origin): rule '\(ruleID)': invalid regex: \(message)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
