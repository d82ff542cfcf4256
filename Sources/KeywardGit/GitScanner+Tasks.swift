import Foundation
import KeywardScan

extension GitScanner {
    /// Reads each distinct (blob, path) of `tasks` once, scans it, and keeps the findings on each
    /// task's counted lines. With `dedupe`, a secret found again at the same path (same rule) keeps
    /// only its first occurrence in task order (the oldest commit).
    func run(_ tasks: [BlobTask], skipped: [SkippedFile], dedupe: Bool) throws -> GitScanResult {
        var keys = BlobKeys()
        for task in tasks { _ = keys.add(task) }
        let scan = BlobScan(pipeline: ScanPipeline(scanner: scanner, parallelism: parallelism))
        do {
            try BlobReader(repository: repository).read(keys.keys.map(\.blob)) { key, content in
                scan.take(key: key, path: keys.keys[key].path, content: content)
            }
        } catch {
            _ = scan.pipeline.finish()  // its threads end before the error goes up
            throw error
        }
        let outcomes = scan.pipeline.finish()
        return try assemble(tasks, keys: keys, scan: scan, outcomes: outcomes, skipped: skipped, dedupe: dedupe)
    }

    /// Turns the scanned blobs into the result: each task's findings on its counted lines, missing
    /// objects listed as skipped, findings in report order.
    func assemble(
        _ tasks: [BlobTask], keys: BlobKeys, scan: BlobScan, outcomes: [Int: ScanPipeline.Outcome],
        skipped initialSkipped: [SkippedFile], dedupe: Bool
    ) throws -> GitScanResult {
        var result = GitScanResult()
        result.filesScanned = scan.filesScanned
        result.bytesScanned = scan.bytesScanned
        var skipped = initialSkipped
        var seen = Set<String>()
        for (index, task) in tasks.enumerated() {
            let key = keys.taskKeys[index]
            if scan.missing.contains(key) {
                skipped.append(SkippedFile(path: task.path, reason: "missing object \(task.blob.prefix(12))"))
                continue
            }
            guard let outcome = outcomes[key], !outcome.findings.isEmpty else { continue }
            var findings = outcome.findings
            if scan.binary.contains(key), case .diffNeeded = task.lines {
                // A changed binary blob has no lines to diff: what it adds is the secrets its old
                // version did not hold.
                findings = try newInBinary(findings, old: task.oldBlob)
            } else if case .diffNeeded = task.lines {
                let resolved = try addedLines(old: task.oldBlob, new: task.blob)
                findings = findings.filter { task.keeps(line: $0.line, endLine: $0.endLine, resolved: resolved) }
            } else {
                findings = findings.filter { task.keeps(line: $0.line, endLine: $0.endLine, resolved: nil) }
            }
            for var finding in findings {
                finding.commit = task.commit
                finding.shardOrder = task.order
                if dedupe {
                    guard seen.insert(finding.fingerprint).inserted else { continue }
                }
                result.findings.append(finding)
            }
        }
        for key in keys.keys.indices {
            if let issues = outcomes[key]?.issues { result.issues.append(contentsOf: issues) }
        }
        result.skipped = Self.unique(skipped)
        result.findings.sort(by: Self.reportOrder)
        return result
    }

    /// The findings of a binary blob whose secret its old version (`old`, nil: none) does not contain.
    func newInBinary(_ findings: [Finding], old: String?) throws -> [Finding] {
        guard let old else { return findings }
        var content: [UInt8] = []
        try repository.stream(["cat-file", "blob", old]) { stream in content = try stream.readToEnd() }
        return findings.filter { !Self.contains(content, Array($0.secret.utf8)) }
    }

    /// Whether `needle` occurs in `haystack` (memchr for its first byte, then memcmp).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return false }
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, pattern, pin.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }

    /// Lines of `new` that `git diff --text -U0 old new` marks added; nil `old` means every line.
    func addedLines(old: String?, new: String) throws -> Set<Int>? {
        guard let old else { return nil }
        var added = Set<Int>()
        let arguments = ["diff", "--text"] + Self.patchOptions.filter { $0 != "--raw" && $0 != "-z" } + [old, new]
        try repository.stream(arguments) { stream in
            try DiffStreamParser(stream, command: "diff").parse { diff in
                for patch in diff.patches { added.formUnion(patch.added) }
            }
        }
        return added
    }

    /// `skipped` without repeated (path, reason) pairs, first occurrence first.
    static func unique(_ skipped: [SkippedFile]) -> [SkippedFile] {
        var seen = Set<SkippedFile>()
        return skipped.filter { seen.insert($0).inserted }
    }

    /// Path, line, column, rule.
    static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.ruleID) < (rhs.path, rhs.line, rhs.column, rhs.ruleID)
    }
}
