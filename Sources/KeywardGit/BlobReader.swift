/// Reads blobs through `git cat-file --batch`.
struct BlobReader {
    let repository: GitRepository

    /// Calls `body(index, content)` for each id in `ids`, in order; `content` is nil for a missing
    /// object or one that is not a blob.
    func read(_ ids: [String], body: (Int, [UInt8]?) throws -> Void) throws {
        guard !ids.isEmpty else { return }
        let input = Array(ids.joined(separator: "\n").utf8) + [0x0A]
        try repository.stream(["cat-file", "--batch", "--buffer"], input: input) { stream in
            var next = 0
            try Self.readObjects(stream, next: {
                defer { next += 1 }
                return next < ids.count ? next : nil
            }, body: body)
        }
    }

    /// Reads `cat-file --batch` output, one object per call of `next()` (the caller's key for the
    /// next id git was given, nil when no more were given), and calls `body(key, content)`.
    static func readObjects(
        _ stream: GitOutputStream, next: () -> Int?, body: (Int, [UInt8]?) throws -> Void
    ) throws {
        while let key = next() {
            guard let headerBytes = try stream.read(until: 0x0A) else {
                throw GitError.malformedOutput(command: "cat-file", detail: "output ended early")
            }
            let header = String(decoding: headerBytes, as: UTF8.self).split(separator: " ")
            // `<id> <type> <size>` or `<id> missing` / `<id> ambiguous`.
            guard header.count == 3, let size = Int(header[2]) else {
                try body(key, nil)
                continue
            }
            guard let content = try stream.read(count: size), try stream.read(count: 1) == [0x0A] else {
                throw GitError.malformedOutput(command: "cat-file", detail: "truncated object")
            }
            try body(key, header[1] == "blob" ? content : nil)
        }
    }
}
