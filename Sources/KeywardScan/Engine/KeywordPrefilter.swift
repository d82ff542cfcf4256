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
    /// Keyword indices per bigram bucket.
    private let buckets: [[Int]]
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
        self.buckets = buckets
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

    /// Occurrences (byte offsets) of each keyword in `bytes`.
    func occurrences(in bytes: UnsafeRawBufferPointer) -> Occurrences {
        var found = Occurrences(
            positions: [[Int]](repeating: [], count: keywords.count),
            dense: [Bool](repeating: false, count: keywords.count))
        let count = bytes.count
        guard count >= 2, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return found
        }
        table.withUnsafeBufferPointer { table in
            var previous = Int(Self.fold(base[0]))
            for position in 1..<count {
                let current = Int(Self.fold(base[position]))
                let slot = table[previous << 8 | current]
                previous = current
                if slot == 0 { continue }
                let start = position - 1
                for index in buckets[Int(slot) - 1] where !found.dense[index] {
                    let keyword = keywords[index]
                    guard start + keyword.count <= count else { continue }
                    var offset = 0
                    while offset < keyword.count, Self.lower(base[start + offset]) == keyword[offset] {
                        offset += 1
                    }
                    guard offset == keyword.count else { continue }
                    if found.positions[index].count >= Self.occurrenceCap {
                        found.dense[index] = true
                        found.positions[index] = []
                    } else {
                        found.positions[index].append(start)
                    }
                }
            }
        }
        return found
    }
}
