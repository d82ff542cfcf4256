import KeywardScan

/// One file version to judge: a blob labelled with a path, the lines that count, and its commit.
struct BlobTask: Sendable {
    /// Which lines of the blob a finding must touch to be kept.
    enum Lines: Sendable {
        /// Every line (new files, history mode).
        case all
        /// These 1-based line numbers (lines the diff adds).
        case added(Set<Int>)
        /// Git's patch could not be used (a `-diff` attribute, or sections out of step): diff the
        /// blobs with `--text` once the content is known to be text.
        case diffNeeded
    }

    /// Repository-relative path.
    var path: String
    /// The blob to scan.
    var blob: String
    /// The blob it replaced (for `diffNeeded`).
    var oldBlob: String?
    /// The lines that count.
    var lines: Lines
    /// The commit that carries this version, in commit modes.
    var commit: CommitInfo?
    /// Place in the whole history's blob order, in a `--history` shard (``Finding/shardOrder``).
    var order: Int?

    /// True when a finding spanning `line...endLine` touches a counted line.
    func keeps(line: Int, endLine: Int, resolved: Set<Int>?) -> Bool {
        let set: Set<Int>
        switch lines {
        case .all: return true
        case .added(let added): set = added
        case .diffNeeded:
            guard let resolved else { return true }
            set = resolved
        }
        return (line...max(line, endLine)).contains(where: set.contains)
    }
}
