import KeywardScan

/// Scans one file's bytes labelled with a path; returns findings (1-based line/column in that content) and issues.
public typealias ContentScanner =
    @Sendable (_ content: [UInt8], _ path: String) -> (findings: [Finding], issues: [ScanIssue])

/// Which part of a repository a git scan reads.
public enum GitScanMode: Sendable, Hashable {
    /// What the index adds against HEAD (a pre-commit check).
    case staged
    /// Lines added by the commits of `A..B` (or `A...B`: from their merge base to B).
    case range(String)
    /// Lines added by the commits of `REF..HEAD`.
    case since(String)
    /// Every blob reachable from any ref, each scanned once.
    case history
}

/// What one git scan found and read.
public struct GitScanResult: Sendable {
    /// Findings; paths are repository-relative with `/`; `commit` is set in range, since and history modes.
    public var findings: [Finding]
    /// Files (or blobs) not scanned, with the reason (`binary`, `submodule`, `symlink`, `unmerged`).
    public var skipped: [SkippedFile]
    /// Problems the content scanner reported; the scan went on.
    public var issues: [ScanIssue]
    /// Distinct file versions (blobs) scanned.
    public var filesScanned: Int
    /// Bytes of those blobs.
    public var bytesScanned: Int

    /// Creates a result.
    public init(
        findings: [Finding] = [], skipped: [SkippedFile] = [], issues: [ScanIssue] = [],
        filesScanned: Int = 0, bytesScanned: Int = 0
    ) {
        self.findings = findings
        self.skipped = skipped
        self.issues = issues
        self.filesScanned = filesScanned
        self.bytesScanned = bytesScanned
    }
}
