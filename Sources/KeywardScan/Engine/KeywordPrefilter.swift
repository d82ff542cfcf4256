/// One pass over the bytes that finds every occurrence of every rule keyword, case-insensitively.
///
/// A 65,536-entry table indexed by the case-folded first two bytes of each keyword sends each
/// position to the few keywords that could start there; those are then compared exactly. Rules run
/// their regex only near the occurrences of their keywords (see ``SearchWindows``).
struct KeywordPrefilter: Sendable {
    /// Lowercased keywords, each at least two bytes long.
    let keywords: [[UInt8]]
    /// Bigram → 1 + bucket index (0: no keyword starts with that bigram).
    private let table: [UInt16]
    /// Bucket b's keyword indices are `members[bucketStart[b]..<bucketStart[b + 1]]`.
    private let bucketStart: [Int]
    private let members: [Int]
    /// All keywords' bytes back to back; keyword k is `bytes[offsets[k]..<offsets[k + 1]]`.
    private let bytes: [UInt8]
    private let offsets: [Int]
    /// Past this many occurrences in one chunk, a keyword is "dense": its rules scan the whole chunk.
    static let occurrenceCap = 2048

    init(keywords: [String]) {
        self.keywords = keywords.map { Array($0.lowercased().utf8) }
        var table = [UInt16](repeating: 0, count: 1 << 16)
        var buckets: [[Int]] = []
        for (index, keyword) in self.keywords.enumerated() where keyword.count >= 2 {
            let slot = Int(Self.fold(keyword[0])) << 8 | Int(Self.fold(keyword[1]))
            if table[slot] == 0 {
                buckets.append([])
                table[slot] = UInt16(buckets.count)
            }
            buckets[Int(table[slot]) - 1].append(index)
        }
        self.table = table
        var starts = [0]
        for bucket in buckets { starts.append(starts[starts.count - 1] + bucket.count) }
        bucketStart = starts
        members = buckets.flatMap { $0 }
        bytes = self.keywords.flatMap { $0 }
        var keywordOffsets = [0]
        for keyword in self.keywords { keywordOffsets.append(keywordOffsets[keywordOffsets.count - 1] + keyword.count) }
        offsets = keywordOffsets
    }

    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 { byte | 0x20 }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// Where each keyword occurs in one chunk.
    struct Occurrences {
        /// Byte offsets per keyword (at most ``KeywordPrefilter/occurrenceCap``).
        var positions: [[Int]]
        /// Keywords seen more than the cap: their rules scan the whole chunk.
        var dense: [Bool]

        /// True when the keyword occurs at least once.
        func occurs(_ index: Int) -> Bool { dense[index] || !positions[index].isEmpty }
    }

    /// Occurrences (byte offsets) of each keyword in `buffer`.
    func occurrences(in buffer: UnsafeRawBufferPointer) -> Occurrences {
        let count = buffer.count
        var positions = [[Int]](repeating: [], count: keywords.count)
        var dense = [Bool](repeating: false, count: keywords.count)
        guard count >= 2, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return Occurrences(positions: positions, dense: dense)
        }
        table.withUnsafeBufferPointer { table in
        bucketStart.withUnsafeBufferPointer { bucketStart in
        members.withUnsafeBufferPointer { members in
        bytes.withUnsafeBufferPointer { bytes in
        offsets.withUnsafeBufferPointer { offsets in
            var previous = Int(Self.fold(base[0]))
            for position in 1..<count {
                let current = Int(Self.fold(base[position]))
                let slot = Int(table[previous << 8 | current])
                previous = current
                if slot == 0 { continue }
                let start = position - 1
                for member in bucketStart[slot - 1]..<bucketStart[slot] {
                    let index = members[member]
                    let first = offsets[index]
                    let length = offsets[index + 1] - first
                    guard !dense[index], start + length <= count else { continue }
                    var offset = 0
                    while offset < length, Self.lower(base[start + offset]) == bytes[first + offset] {
                        offset += 1
                    }
                    guard offset == length else { continue }
                    if positions[index].count >= Self.occurrenceCap {
                        dense[index] = true
                        positions[index] = []
                    } else {
                        positions[index].append(start)
                    }
                }
            }
        }}}}}
        return Occurrences(positions: positions, dense: dense)
    }
}
