import Foundation

@testable import KeywardScan

/// A fixed, synthetic scan report with fake (never real, never `…EXAMPLE`) secrets, used by every
/// report test and by the golden files in fixtures/expected/.
enum ReportFixture {
    static let awsKeyID = "AKIAUJZDEGXDNCF32EPF"
    static let awsAccount = "295889548742"
    static let awsSecret = "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"
    static let legacyKeyID = "AKIAJ3DHODZDOCIS2JHT"
    static let githubToken = "ghp_1f8rESQedUStPKR0CsTy4Qwb8DwkNhFdnXsi"
    static let password = "Tr0ub4dor&3xQ9!zz"
    static let commitSHA = "3f1c9a7e2b8d4c6f0a1e5b9d7c3f2a4e6b8d0c1f"

    /// Every full secret of the fixture (key IDs are identifiers, not secrets).
    static let secrets = [awsSecret, githubToken, password]

    static let commit = CommitInfo(
        sha: commitSHA, author: "Zoë Okafor", email: "zoe@example.com", date: "2024-03-05T14:22:31Z"
    )

    static var findings: [Finding] {
        [
            Finding(
                ruleID: "github-pat-classic", description: "GitHub personal access token (classic)",
                severity: .high, path: "deploy/prod settings.env", line: 2, column: 14, endLine: 2,
                endColumn: 54, secret: githubToken
            ),
            Finding(
                ruleID: "aws-access-key-id", description: "AWS access key ID", severity: .high,
                path: "legacy/settings.py", line: 12, column: 11, endLine: 12, endColumn: 31,
                secret: legacyKeyID, keyID: legacyKeyID, commit: commit
            ),
            Finding(
                ruleID: "generic-password", description: "Password assigned in configuration",
                severity: .medium, path: "notes/todo.md", line: 1, column: 10, endLine: 1, endColumn: 27,
                secret: password
            ),
            Finding(
                ruleID: "aws-access-key-id", description: "AWS access key ID", severity: .high,
                path: "services/api/.env", line: 3, column: 19, endLine: 3, endColumn: 39,
                secret: awsKeyID, keyID: awsKeyID
            ),
            Finding(
                ruleID: "aws-secret-access-key", description: "AWS secret access key", severity: .critical,
                path: "services/api/.env", line: 4, column: 23, endLine: 4, endColumn: 63,
                secret: awsSecret, keyID: awsKeyID
            ),
        ]
    }

    static var keys: [KeyReport] {
        [
            KeyReport(
                keyID: awsKeyID, kind: "long-term IAM user key", account: awsAccount, secretFound: true,
                secret: awsSecret,
                locations: [
                    KeyLocation(path: "services/api/.env", line: 3), KeyLocation(path: "services/api/.env", line: 4),
                ],
                verification: KeyVerification(
                    status: "live", arn: "arn:aws:iam::\(awsAccount):user/ci-bot", account: awsAccount,
                    user: "ci-bot", keyStatus: "Active", lastUsedDate: "2024-05-01T10:00:00Z",
                    lastUsedService: "s3", lastUsedRegion: "us-east-1",
                    quarantinePolicies: ["AWSCompromisedKeyQuarantineV3"]
                )
            ),
            KeyReport(
                keyID: legacyKeyID, kind: "long-term IAM user key", account: nil, secretFound: false,
                locations: [KeyLocation(path: "legacy/settings.py", line: 12, commit: commitSHA)]
            ),
        ]
    }

    static var report: ScanReport {
        ScanReport(
            findings: findings,
            skipped: [
                SkippedFile(path: "assets/logo.png", reason: "binary"),
                SkippedFile(path: "secrets/locked.env", reason: "unreadable: Permission denied"),
            ],
            errors: [
                ScanIssue(ruleID: "generic-password", path: "vendor/huge.min.js", message: "match limit exceeded")
            ],
            filesScanned: 42, bytesScanned: 183_920, suppressedExamples: 2, suppressedByBaseline: 1,
            suppressedByAllowlist: 3, elapsedSeconds: 1.234, keys: keys
        )
    }

    /// Options of the golden files: no color, no secrets, fixed clock and version.
    static func options(showSecrets: Bool = false, color: Bool = false) -> ReportOptions {
        ReportOptions(
            showSecrets: showSecrets, color: color, toolVersion: "1.2.3", scanRoot: "/srv/checkout/api",
            finishedAt: Date(timeIntervalSince1970: 1_717_243_200),
            repositoryURI: "https://git.example.com/acme/api.git", revisionID: commitSHA
        )
    }

    /// The repository root (this file is Tests/KeywardScanTests/Reports/ReportFixture.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func expectedFile(_ format: ReportFormat) -> URL {
        repositoryRoot.appendingPathComponent("fixtures/expected/report.\(format.fileExtension)")
    }

    static func schemaFile(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("fixtures/schemas/\(name)")
    }
}
