import KeywardScan

extension GitScanner {
    /// `--staged`: the lines the index adds against HEAD (or against the empty tree before the first
    /// commit), judged on the staged blobs, so a partially staged file counts by what is staged.
    func scanStaged() throws -> GitScanResult {
        guard !repository.isBare else { throw GitError.noWorkTree(path: repository.root) }
        let base = try repository.resolveCommit("HEAD") ?? Self.emptyTree
        var diffs: [CommitDiff] = []
        let arguments = ["diff", "--cached", "-M"] + Self.patchOptions + [base, "--"]
        try repository.stream(arguments) { stream in
            try DiffStreamParser(stream, command: "diff --cached").parse { diffs.append($0) }
        }
        var skipped: [SkippedFile] = []
        var work: [BlobTask] = []
        for diff in diffs { work += tasks(from: diff, skipped: &skipped) }
        return try run(work, skipped: skipped, dedupe: false)
    }

    /// `--range` / `--since`: the lines each non-merge commit of `base..head` adds, attributed to that
    /// commit (the oldest one when several add the same secret to the same path).
    func scanCommits(base: String, head: String) throws -> GitScanResult {
        let arguments =
            [
                "-c", "log.showRoot=true", "log", "--reverse", "--topo-order", "--no-merges", "-M",
                DiffStreamParser.commitFormat,
            ] + Self.patchOptions + ["\(base)..\(head)", "--"]
        var skipped: [SkippedFile] = []
        var work: [BlobTask] = []
        try repository.stream(arguments) { stream in
            try DiffStreamParser(stream, command: "log").parse { diff in
                work += self.tasks(from: diff, skipped: &skipped)
            }
        }
        return try run(work, skipped: skipped, dedupe: true)
    }

    /// `--history`: every blob reachable from any ref, scanned once, attributed to the oldest commit
    /// (in topological order) that introduced it; merge commits count through their combined diff
    /// (`-c`), so a blob that first appears in a conflict resolution is scanned too.
    func scanHistory() throws -> GitScanResult {
        let arguments =
            [
                "-c", "log.showRoot=true", "log", "--all", "--reverse", "--topo-order", DiffStreamParser.commitFormat,
                "--raw", "-z", "--no-abbrev", "--no-renames", "-c", "--ignore-submodules=none", "--",
            ]
        var seen = Set<String>()
        var skipped: [SkippedFile] = []
        var work: [BlobTask] = []
        do {
            try repository.stream(arguments) { stream in
                try DiffStreamParser(stream, command: "log").parse { diff in
                    for entry in diff.entries {
                        guard !entry.isDeletion, let blob = entry.newBlob,
                            seen.insert(blob + "\u{0}" + entry.newMode).inserted
                        else { continue }
                        // The place in the whole history, equal in every shard (see Finding.shardOrder).
                        let order = seen.count
                        if let shard, !shard.contains(objectID: blob) { continue }
                        if let reason = Self.skipReason(mode: entry.newMode) {
                            skipped.append(SkippedFile(path: entry.pathString, reason: reason))
                            continue
                        }
                        var task = BlobTask(path: entry.pathString, blob: blob, lines: .all, commit: diff.commit)
                        if shard != nil { task.order = order }
                        work.append(task)
                    }
                }
            }
        } catch GitError.commandFailed(_, _, let stderr)
            where stderr.contains("does not have any commits") || stderr.contains("bad default revision")
        {
            return GitScanResult()
        }
        return try run(work, skipped: skipped, dedupe: true)
    }
}
