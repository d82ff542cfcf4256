import KeywardScan

/// Reads the NUL-separated raw and `-U0` patch output of `git diff --raw -z -p` and
/// `git log --format=<commit header> --raw -z [-p]`, one commit at a time.
///
/// A commit starts with byte 0x01 followed by four NUL-terminated fields (sha, author, email,
/// strict ISO date: `--format=%x01%H%x00%an%x00%ae%x00%aI%x00`). Raw entries start with `:`. Patch
/// lines are newline-terminated; hunk bodies are consumed by their line counts, so no content line is
/// ever mistaken for a header.
struct DiffStreamParser {
    /// The `--format` argument producing the commit header this parser expects.
    static let commitFormat = "--format=%x01%H%x00%an%x00%ae%x00%aI%x00"

    private let stream: GitOutputStream
    private let command: String

    /// Parses `stream` (output of git `command`, for error messages).
    init(_ stream: GitOutputStream, command: String) {
        self.stream = stream
        self.command = command
    }

    /// Calls `onCommit` for each commit (or once, with no commit, for diff output that has no header).
    func parse(_ onCommit: (CommitDiff) throws -> Void) throws {
        var current: CommitDiff?
        var patch: FilePatch?
        func finishPatch() {
            if let done = patch { current?.patches.append(done) }
            patch = nil
        }
        while let byte = try stream.peek() {
            switch byte {
            case 0x01:
                finishPatch()
                if let done = current { try onCommit(done) }
                try stream.skip()
                current = CommitDiff(commit: try readCommitHeader())
            case 0x00, 0x0A:
                try stream.skip()
            case UInt8(ascii: ":"):
                finishPatch()
                if current == nil { current = CommitDiff() }
                current?.entries.append(try readRawEntry())
            default:
                guard let line = try stream.read(until: 0x0A) else { break }
                if current == nil { current = CommitDiff() }
                if line.starts(with: Array("diff --".utf8)) {
                    finishPatch()
                    patch = FilePatch(header: line)
                } else if patch != nil, line.starts(with: Array("Binary files ".utf8)) {
                    patch?.binary = true
                } else if patch != nil, line.starts(with: Array("@@ ".utf8)) {
                    let added = try readHunk(header: line)
                    patch?.added.append(contentsOf: added)
                }
            }
        }
        finishPatch()
        if let done = current { try onCommit(done) }
    }

    private func readCommitHeader() throws -> CommitInfo {
        var fields: [String] = []
        for _ in 0..<4 {
            guard let field = try stream.read(until: 0) else {
                throw GitError.malformedOutput(command: command, detail: "truncated commit header")
            }
            fields.append(String(decoding: field, as: UTF8.self))
        }
        guard fields[0].count >= 40 else {
            throw GitError.malformedOutput(command: command, detail: "bad commit id in header")
        }
        return CommitInfo(sha: fields[0], author: fields[1], email: fields[2], date: fields[3])
    }

    private func readRawEntry() throws -> RawEntry {
        guard let metaBytes = try stream.read(until: 0) else {
            throw GitError.malformedOutput(command: command, detail: "truncated raw entry")
        }
        // Split as bytes: the fields are ASCII, and String's character-by-character split was
        // most of this parser's time in a `--history` scan.
        let parents = metaBytes.prefix(while: { $0 == UInt8(ascii: ":") }).count
        let fields = metaBytes[parents...].split(separator: UInt8(ascii: " ")).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard parents >= 1, fields.count == 2 * (parents + 1) + 1 else {
            let meta = String(decoding: metaBytes.prefix(120), as: UTF8.self)
            throw GitError.malformedOutput(command: command, detail: "bad raw entry '\(meta)'")
        }
        let modes = Array(fields[0...parents])
        let blobs = Array(fields[(parents + 1)...(2 * parents + 1)])
        let status = fields[2 * parents + 2]
        let twoPaths = parents == 1 && (status.hasPrefix("R") || status.hasPrefix("C"))
        guard let first = try stream.read(until: 0) else {
            throw GitError.malformedOutput(command: command, detail: "raw entry without a path")
        }
        var second = first
        if twoPaths {
            guard let path = try stream.read(until: 0) else {
                throw GitError.malformedOutput(command: command, detail: "rename without a destination")
            }
            second = path
        }
        func blob(_ id: String) -> String? { id.utf8.allSatisfy { $0 == UInt8(ascii: "0") } ? nil : id }
        let newMode = modes[parents]
        return RawEntry(
            parentCount: parents, oldMode: modes[0], newMode: newMode, oldBlob: blob(blobs[0]),
            newBlob: newMode == "000000" ? nil : blob(blobs[parents]), status: status,
            oldPath: first, path: second)
    }

    /// Parses `@@ -a,b +c,d @@` and consumes its body; returns the new-side numbers of added lines.
    private func readHunk(header: [UInt8]) throws -> [Int] {
        let text = String(decoding: header, as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+"),
            let old = Self.range(parts[1].dropFirst()), let new = Self.range(parts[2].dropFirst())
        else {
            throw GitError.malformedOutput(command: command, detail: "bad hunk header '\(text.prefix(80))'")
        }
        var oldLeft = old.count
        var newLeft = new.count
        var line = new.start
        var added: [Int] = []
        while oldLeft > 0 || newLeft > 0 {
            guard let body = try stream.read(until: 0x0A) else {
                throw GitError.malformedOutput(command: command, detail: "truncated hunk")
            }
            switch body.first {
            case UInt8(ascii: "+"):
                added.append(line)
                line += 1
                newLeft -= 1
            case UInt8(ascii: "-"):
                oldLeft -= 1
            case UInt8(ascii: " "):
                line += 1
                oldLeft -= 1
                newLeft -= 1
            case UInt8(ascii: "\\"):
                continue
            default:
                throw GitError.malformedOutput(command: command, detail: "unexpected line in hunk")
            }
        }
        return added
    }

    /// `start[,count]` (count defaults to 1).
    private static func range(_ text: Substring) -> (start: Int, count: Int)? {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let start = Int(pieces[0]) else { return nil }
        if pieces.count == 1 { return (start, 1) }
        guard pieces.count == 2, let count = Int(pieces[1]) else { return nil }
        return (start, count)
    }
}
