/// Reads many blobs through one `git cat-file --batch` process.
struct BlobReader {
    let repository: GitRepository

    /// Calls `body(index, content)` for each id in `ids`, in order; `content` is nil for a missing
    /// object or one that is not a blob.
    func read(_ ids: [String], body: (Int, [UInt8]?) throws -> Void) throws {
        guard !ids.isEmpty else { return }
        let input = Array(ids.joined(separator: "\n").utf8) + [0x0A]
        try repository.stream(["cat-file", "--batch"], input: input) { stream in
            for index in ids.indices {
                guard let headerBytes = try stream.read(until: 0x0A) else {
                    throw GitError.malformedOutput(command: "cat-file", detail: "output ended early")
                }
                let header = String(decoding: headerBytes, as: UTF8.self).split(separator: " ")
                // `<id> <type> <size>` or `<id> missing` / `<id> ambiguous`.
                guard header.count == 3, let size = Int(header[2]) else {
                    try body(index, nil)
                    continue
                }
                guard let content = try stream.read(count: size), try stream.read(count: 1) == [0x0A] else {
                    throw GitError.malformedOutput(command: "cat-file", detail: "truncated object")
                }
                try body(index, header[1] == "blob" ? content : nil)
            }
        }
    }
}
