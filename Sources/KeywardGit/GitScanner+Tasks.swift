import KeywardScan

extension GitScanner {
    /// Reads each distinct (blob, path) of `tasks` once, scans it, and keeps the findings on each
    /// task's counted lines. With `dedupe`, a secret found again at the same path (same rule) keeps
    /// only its first occurrence in task order (the oldest commit).
    func run(_ tasks: [BlobTask], skipped initialSkipped: [SkippedFile], dedupe: Bool) throws -> GitScanResult {
        var keyOf: [String: Int] = [:]
        var keys: [(blob: String, path: String)] = []
        var taskKeys: [Int] = []
        taskKeys.reserveCapacity(tasks.count)
        for task in tasks {
            let id = task.blob + "\u{0}" + task.path
            if let key = keyOf[id] {
                taskKeys.append(key)
            } else {
                keyOf[id] = keys.count
                taskKeys.append(keys.count)
                keys.append((task.blob, task.path))
            }
        }

        var result = GitScanResult()
        var binary = Set<Int>()
        var missing = Set<Int>()
        let pipeline = ScanPipeline(scanner: scanner, parallelism: parallelism)
        try BlobReader(repository: repository).read(keys.map(\.blob)) { key, content in
            guard let content else {
                missing.insert(key)
                return
            }
            if BinaryDetection.isBinary(content) {
                binary.insert(key)
                return
            }
            result.filesScanned += 1
            result.bytesScanned += content.count
            pipeline.submit(key: key, path: keys[key].path, content: content)
        }
        let outcomes = pipeline.finish()

        var skipped = initialSkipped
        var seen = Set<String>()
        for (index, task) in tasks.enumerated() {
            let key = taskKeys[index]
            if binary.contains(key) {
                skipped.append(SkippedFile(path: task.path, reason: "binary"))
                continue
            }
            if missing.contains(key) {
                skipped.append(SkippedFile(path: task.path, reason: "missing object \(task.blob.prefix(12))"))
                continue
            }
            guard let outcome = outcomes[key], !outcome.findings.isEmpty else { continue }
            var resolved: Set<Int>?
            if case .diffNeeded = task.lines {
                resolved = try addedLines(old: task.oldBlob, new: task.blob)
            }
            for var finding in outcome.findings
            where task.keeps(line: finding.line, endLine: finding.endLine, resolved: resolved) {
                finding.commit = task.commit
                finding.shardOrder = task.order
                if dedupe {
                    guard seen.insert(finding.fingerprint).inserted else { continue }
                }
                result.findings.append(finding)
            }
        }
        for key in keys.indices {
            if let issues = outcomes[key]?.issues { result.issues.append(contentsOf: issues) }
        }
        result.skipped = Self.unique(skipped)
        result.findings.sort(by: Self.reportOrder)
        return result
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
