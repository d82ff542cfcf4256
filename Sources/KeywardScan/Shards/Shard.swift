import Crypto

/// One share of a scan split over N jobs (`--shard I/N`, 1-based like jest's and playwright's).
///
/// A file belongs to shard `1 + (SHA-256(bytes) mod N)`, where the bytes are its path relative to
/// the scan root (directory scans, `--staged`, `--since`, `--range`) or its blob id (`--history`).
/// SHA-256, not Swift's `Hasher` (seeded per process): every job, checkout and machine agrees.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based index of this shard, `1...count`.
    public let index: Int
    /// Number of shards the scan is split into.
    public let count: Int

    /// A shard; throws unless `count >= 1` and `1 <= index <= count`.
    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw .invalid("\(index)/\(count)", "N must be at least 1") }
        guard (1...count).contains(index) else {
            throw .invalid("\(index)/\(count)", "I must be between 1 and N (shards are numbered from 1)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (`2/3`).
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Self.number(parts[0]), let count = Self.number(parts[1]) else {
            throw .invalid(text, "expected I/N, two whole numbers such as 2/3")
        }
        try self.init(index: index, count: count)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// True when the file whose path (relative to the scan root) has these bytes is in this shard.
    public func contains(pathBytes: [UInt8]) -> Bool {
        Self.bucket(of: pathBytes, count: count) == index - 1
    }

    /// True when the git object (a blob id, hex) is in this shard.
    public func contains(objectID: String) -> Bool {
        contains(pathBytes: Array(objectID.lowercased().utf8))
    }

    /// The 0-based bucket of `bytes` among `count`: the first 8 bytes of their SHA-256, big-endian, mod `count`.
    static func bucket(of bytes: [UInt8], count: Int) -> Int {
        let digest = Array(SHA256.hash(data: bytes))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int(prefix % UInt64(count))
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

/// A `--shard` value that cannot be used.
public enum ShardError: Error, CustomStringConvertible, Equatable {
    /// The text given and what is wrong with it.
    case invalid(String, String)

    /// One line: `--shard 0/3: I must be between 1 and N…`.
    public var description: String {
        switch self {
        case .invalid(let text, let reason): "--shard \(text): \(reason)"
        }
    }
}

extension Shard {
    /// True when a file reported with `path` (and its raw bytes when they are not UTF-8) is in this shard.
    public func contains(path: String, pathBytes: [UInt8]?) -> Bool {
        contains(pathBytes: pathBytes ?? Array(path.utf8))
    }

    /// True when `skipped` (listed by path) belongs to this shard.
    public func contains(_ skipped: SkippedFile) -> Bool {
        contains(path: skipped.path, pathBytes: skipped.pathBytes)
    }
}
