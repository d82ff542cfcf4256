import Foundation

/// Newline offsets of one buffer: offset → line and line → byte range, by binary search.
struct LineIndex {
    /// Offsets of every `\n` in the buffer.
    let newlines: [Int]
    let count: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        var newlines: [Int] = []
        count = bytes.count
        if let base = bytes.baseAddress {
            var offset = 0
            while offset < bytes.count,
                let hit = memchr(base + offset, 0x0A, bytes.count - offset)
            {
                let position = base.distance(to: UnsafeRawPointer(hit))
                newlines.append(position)
                offset = position + 1
            }
        }
        self.newlines = newlines
    }

    /// 0-based line of the byte at `offset` (the number of newlines before it).
    func line(of offset: Int) -> Int {
        var low = 0
        var high = newlines.count
        while low < high {
            let middle = (low + high) / 2
            if newlines[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Offset of the first byte of 0-based `line`.
    func start(ofLine line: Int) -> Int { line == 0 ? 0 : newlines[min(line, newlines.count) - 1] + 1 }

    /// Offset one past the last byte of 0-based `line` (its newline excluded).
    func end(ofLine line: Int) -> Int { line < newlines.count ? newlines[line] : count }

    /// Index of the last line.
    var lastLine: Int { newlines.count }
}

/// Where a chunk starts in its file, for 1-based line and column numbers.
struct ChunkPosition {
    /// 1-based line of the chunk's first byte.
    var line = 1
    /// Bytes of that line that came before the chunk.
    var column = 0
    /// 0-based byte offset of the chunk's first byte in the file (reported for binary files).
    var offset = 0
}
