import KeywardScan

extension GitScanner {
    /// `--staged`: the lines the index adds against HEAD (or against the empty tree before the first
    /// commit), judged on the staged blobs, so a partially staged file counts by what is staged.
    func scanStaged(_ change: StagedChange) throws -> GitScanResult {
        var skipped: [SkippedFile] = []
        var work: [BlobTask] = []
        for diff in change.diffs { work += tasks(from: diff, skipped: &skipped) }
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
    ///
    /// Three things run at once: `git log` lists the blobs, each new one is handed to a
    /// `git cat-file --batch` that is already running, and a reading thread passes its contents to
    /// the scanning threads. (One after the other, `git log` alone was a quarter of the wall time.)
    func scanHistory() throws -> GitScanResult {
        let arguments =
            [
                "-c", "log.showRoot=true", "log", "--all", "--reverse", "--topo-order", DiffStreamParser.commitFormat,
                "--raw", "-z", "--no-abbrev", "--no-renames", "-c", "--ignore-submodules=none", "--",
            ]
        var seen = Set<String>()
        var skipped: [SkippedFile] = []
        var work: [BlobTask] = []
        var keys = BlobKeys()
        var noCommits = false
        let scan = BlobScan(pipeline: ScanPipeline(scanner: scanner, parallelism: parallelism))
        do {
            try repository.streamWithInput(["cat-file", "--batch", "--buffer"]) { input, output in
                let announced = AnnouncedBlobs()
                // cat-file's output moves to the reading thread: this thread never touches it again,
                // and `reader.wait()` below returns before `streamWithInput` closes it. (A reader
                // over a file descriptor with a buffer is not Sendable, and the closure parameter
                // cannot be `sending`.)
                nonisolated(unsafe) let catFileOutput = output
                let reader = ThrowingThread {
                    var path = ""
                    do {
                        try BlobReader.readObjects(catFileOutput, next: {
                            guard let next = announced.pop() else { return nil }
                            path = next.path
                            return next.key
                        }) { key, content in
                            scan.take(key: key, path: path, content: content)
                        }
                    } catch {
                        catFileOutput.drain()  // cat-file must not block on a full pipe while the log goes on
                        throw error
                    }
                }
                var logError: Error?
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
                                if let key = keys.add(task) {
                                    announced.push(AnnouncedBlob(key: key, path: task.path))
                                    try input.write(Array(blob.utf8) + [0x0A])
                                }
                            }
                            try input.flush()
                        }
                    }
                } catch GitError.commandFailed(_, _, let stderr)
                    where stderr.contains("does not have any commits") || stderr.contains("bad default revision")
                {
                    noCommits = true
                } catch {
                    logError = error
                }
                input.close()
                announced.close()
                let readError = reader.wait()
                if let logError { throw logError }
                if let readError { throw readError }
            }
        } catch {
            _ = scan.pipeline.finish()  // its threads end before the error goes up
            throw error
        }
        let outcomes = scan.pipeline.finish()
        if noCommits { return GitScanResult() }
        return try assemble(work, keys: keys, scan: scan, outcomes: outcomes, skipped: skipped, dedupe: true)
    }
}
