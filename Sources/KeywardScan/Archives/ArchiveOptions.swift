/// How archives (zip, jar, tar, gzip, bzip2, xz, docker image tarballs…) are opened and bounded.
public struct ArchiveOptions: Sendable, Hashable {
    /// Open archives and scan their members (`--no-archives` turns it off: archives are then
    /// scanned as binary files).
    public var enabled = true
    /// Archives inside archives are opened down to this many levels.
    public var maxDepth = 5
    /// Total uncompressed bytes read out of one file's archives (every level) before giving up.
    public var maxExpandedBytes = 2 << 30
    /// Expanded bytes may reach this multiple of the compressed bytes read from disk…
    public var maxRatio = 100
    /// …once more than this many bytes were expanded (small, very compressible members are fine).
    public var ratioFloor = 64 << 20

    /// Creates the defaults.
    public init() {}
}

/// One top-level file's expansion account, shared by every archive level inside it: a zip bomb
/// (flat or nested) is stopped as soon as it expands too much or too fast.
final class ArchiveBudget {
    let options: ArchiveOptions
    /// Bytes read from disk by the outermost archive.
    var consumed = 0
    /// Bytes read out of members, at every level.
    private(set) var expanded = 0
    /// Set once a limit was hit; every level stops.
    private(set) var exceeded: String?

    init(options: ArchiveOptions) { self.options = options }

    /// Accounts for `count` more expanded bytes; throws once a limit is passed.
    func charge(_ count: Int) throws(ReadFailure) {
        expanded += count
        if exceeded == nil {
            if expanded > options.maxExpandedBytes {
                exceeded =
                    "archive expands past \(options.maxExpandedBytes) bytes (possible zip bomb); rest not scanned"
            } else if expanded > options.ratioFloor, expanded / max(consumed, 1) > options.maxRatio {
                exceeded =
                    "archive expands more than \(options.maxRatio) times its size (possible zip bomb); rest not scanned"
            }
        }
        if let exceeded { throw ReadFailure(reason: exceeded, stopsArchive: true) }
    }
}
