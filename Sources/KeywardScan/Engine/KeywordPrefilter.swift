/// Finds every occurrence of every rule keyword, case-insensitively, in one Vectorscan pass.
///
/// Rules run their regex only near the occurrences of their keywords (see ``SearchWindows``). When
/// the prefilter cannot answer (no database, no scratch, a scan error) every keyword counts as
/// "dense", so every rule scans the whole buffer: slower, never a missed key.
struct KeywordPrefilter: Sendable {
    /// Lowercased ASCII keywords, each at least two bytes long (checked at rule load).
    let keywords: [[UInt8]]
    private let database: VectorscanDatabase?
    /// Past this many occurrences in one chunk, a keyword is "dense": its rules scan the whole chunk.
    static let occurrenceCap = 2048

    /// Compiles the keywords into one database, or loads it from `cache` when a valid copy is there.
    init(keywords: [String], cache: PrefilterCache? = nil) {
        self.keywords = keywords.map { Array($0.lowercased().utf8) }
        database = Self.database(for: self.keywords, cache: cache)
    }

    private static func database(for keywords: [[UInt8]], cache: PrefilterCache?) -> VectorscanDatabase? {
        guard !keywords.isEmpty else { return nil }
        let lengths = keywords.map(\.count)
        let path = cache?.path(for: keywords, platform: VectorscanDatabase.platformKey)
        if let cache, let path, let bytes = cache.load(path),
            let loaded = try? VectorscanDatabase(serialized: bytes, lengths: lengths)
        {
            return loaded
        }
        guard let compiled = try? VectorscanDatabase(caselessLiterals: keywords) else { return nil }
        if let cache, let path, let bytes = compiled.serialized() {
            cache.store(bytes, at: path)
        }
        return compiled
    }

    /// Scratch space for one thread (nil when there is no database: then every rule runs everywhere).
    func makeScratch() -> VectorscanScratch? {
        try? database?.makeScratch()
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

    /// Occurrences (byte offsets) of each keyword in `buffer`, found with this thread's `scratch`.
    func occurrences(in buffer: UnsafeRawBufferPointer, scratch: VectorscanScratch?) -> Occurrences {
        let everywhere = Occurrences(
            positions: [[Int]](repeating: [], count: keywords.count),
            dense: [Bool](repeating: true, count: keywords.count))
        guard !keywords.isEmpty else { return everywhere }
        guard let database, let scratch else { return everywhere }
        var found = Occurrences(
            positions: [[Int]](repeating: [], count: keywords.count),
            dense: [Bool](repeating: false, count: keywords.count))
        let cap = Self.occurrenceCap
        let complete = database.scan(buffer, scratch: scratch) { index, start in
            guard !found.dense[index] else { return true }
            if found.positions[index].count >= cap {
                found.dense[index] = true
                found.positions[index] = []
            } else {
                found.positions[index].append(start)
            }
            return true
        }
        return complete ? found : everywhere
    }
}
