import CVectorscan
import Foundation

/// A compiled Vectorscan (Hyperscan) block-mode database: finds every keyword of every rule in one
/// SIMD pass over a buffer.
///
/// The only file that imports CVectorscan. The database is immutable and shared by all threads;
/// each thread scans with its own ``VectorscanScratch``.
final class VectorscanDatabase: Sendable {
    /// `nonisolated(unsafe)`: a C pointer, which Swift cannot check. Sound because a Vectorscan
    /// database is read-only once compiled or loaded (Hyperscan documents sharing one between
    /// threads) and the pointer never changes; all mutable scan state is in each thread's scratch.
    nonisolated(unsafe) private let database: OpaquePointer
    /// Per pattern (match id = index): bytes from a match's end back to the offset it reports.
    let anchorBack: [Int]

    /// The library version and the CPU it tunes for: part of every cache key (a serialised
    /// database is only valid for the same version and platform).
    static let platformKey: String = {
        var platform = hs_platform_info_t()
        _ = hs_populate_platform(&platform)
        let version = hs_version().map { String(cString: $0) } ?? "unknown"
        return "vectorscan \(version) tune \(platform.tune) features \(platform.cpu_features)"
    }()

    /// One pattern of the database.
    enum Pattern: Hashable {
        /// Bytes found case-insensitively; reports the offset where they start.
        case caselessLiteral([UInt8])
        /// A PCRE pattern compiled in prefilter mode (a superset of its matches: lookarounds and
        /// other unsupported constructs widened); reports `maxLength` bytes before a match's end.
        case prefilter(regex: String, maxLength: Int)
    }

    /// Compiles `patterns`; pattern `i` reports match id `i`. On failure the error names the
    /// index of the pattern Vectorscan refused (when it says).
    init(_ patterns: [Pattern]) throws(VectorscanCompileError) {
        var expressions: [String] = []
        var flags: [UInt32] = []
        for pattern in patterns {
            switch pattern {
            case .caselessLiteral(let bytes):
                expressions.append(Self.escaped(bytes))
                flags.append(UInt32(HS_FLAG_CASELESS))
            case .prefilter(let regex, _):
                expressions.append(regex)
                flags.append(UInt32(HS_FLAG_PREFILTER))
            }
        }
        let ids = (0..<patterns.count).map { UInt32($0) }
        var database: OpaquePointer?
        var compileError: UnsafeMutablePointer<hs_compile_error_t>?
        let cStrings = expressions.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = cStrings.map { $0.map { UnsafePointer($0) } }
        let status = hs_compile_multi(
            pointers, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &database, &compileError)
        guard status == HS_SUCCESS, let database else {
            let message = compileError?.pointee.message.map { String(cString: $0) } ?? "error \(status)"
            let index = compileError.map { Int($0.pointee.expression) }
            if let compileError { hs_free_compile_error(compileError) }
            throw VectorscanCompileError(message: message, patternIndex: index.flatMap { $0 >= 0 ? $0 : nil })
        }
        self.database = database
        anchorBack = Self.anchorBack(patterns)
    }

    private static func anchorBack(_ patterns: [Pattern]) -> [Int] {
        patterns.map { pattern in
            switch pattern {
            case .caselessLiteral(let bytes): return bytes.count
            case .prefilter(_, let maxLength): return maxLength
            }
        }
    }

    /// A literal as a Vectorscan expression: letters and digits as they are, every other byte `\\xHH`.
    private static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16).leftPadded(to: 2)
            }
        }
        return text
    }

    /// Restores a database written by ``serialized()``; fails on bytes from another version,
    /// platform or a damaged file (never trusted further than Vectorscan's own checks allow).
    init(serialized bytes: [UInt8], patterns: [Pattern]) throws(VectorscanError) {
        var database: OpaquePointer?
        let status = bytes.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &database)
        }
        guard status == HS_SUCCESS, let database else {
            throw VectorscanError(message: "cannot load a serialised database (error \(status))")
        }
        self.database = database
        anchorBack = Self.anchorBack(patterns)
    }

    deinit { hs_free_database(database) }

    /// The database as bytes, for the on-disk cache.
    func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Scratch space for one thread.
    func makeScratch() throws(VectorscanError) -> VectorscanScratch {
        var scratch: OpaquePointer?
        let status = hs_alloc_scratch(database, &scratch)
        guard status == HS_SUCCESS, let scratch else {
            throw VectorscanError(message: "cannot allocate scratch space (error \(status))")
        }
        return VectorscanScratch(scratch)
    }

    /// Calls `onMatch(id, anchor)` for every match of every pattern (anchor: where a literal starts,
    /// or `maxLength` before a prefilter match's end, at least 0); `onMatch` returns false to stop.
    /// Buffers past 1 GiB are scanned in segments overlapping by the longest reach back.
    /// Returns false when Vectorscan failed (the caller must then not trust the absence of matches).
    func scan(_ buffer: UnsafeRawBufferPointer, scratch: VectorscanScratch, _ onMatch: (Int, Int) -> Bool) -> Bool {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count > 0 else { return true }
        let step = Self.segmentLength
        let overlap = max(0, (anchorBack.max() ?? 1) - 1)
        var segment = 0
        var stopped = false
        while segment < buffer.count, !stopped {
            let length = min(buffer.count - segment, step + overlap)
            // Starts at or past the segment's end are reported again, whole, by the next segment.
            let ownedEnd = segment + step < buffer.count ? segment + step : Int.max
            let status = withoutActuallyEscaping(onMatch) { onMatch -> hs_error_t in
                var context = SegmentContext(offset: segment, ownedEnd: ownedEnd, back: anchorBack, onMatch: onMatch)
                return withUnsafeMutablePointer(to: &context) { pointer in
                    hs_scan(database, base + segment, UInt32(length), 0, scratch.pointer, { id, _, to, _, raw in
                        guard let context = raw?.assumingMemoryBound(to: SegmentContext.self) else { return 1 }
                        return context.pointee.report(id: Int(id), end: Int(to)) ? 0 : 1
                    }, pointer)
                }
            }
            if status == HS_SCAN_TERMINATED {
                stopped = true
            } else if status != HS_SUCCESS {
                return false
            }
            segment += step
        }
        return true
    }

    /// Longest buffer handed to one `hs_scan` call (its length is 32-bit).
    static let segmentLength = 1 << 30

    /// What the C callback sees: the segment's place in the whole buffer.
    private struct SegmentContext {
        let offset: Int
        let ownedEnd: Int
        let back: [Int]
        let onMatch: (Int, Int) -> Bool

        func report(id: Int, end: Int) -> Bool {
            guard id < back.count else { return false }
            let anchor = max(0, offset + end - back[id])
            return anchor >= ownedEnd ? true : onMatch(id, anchor)
        }
    }
}

/// Vectorscan scratch space: one per thread, freed with its owner.
final class VectorscanScratch {
    fileprivate let pointer: OpaquePointer

    fileprivate init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { hs_free_scratch(pointer) }
}

/// Why Vectorscan refused a set of patterns, and which one when it says.
struct VectorscanCompileError: Error, CustomStringConvertible {
    let message: String
    let patternIndex: Int?
    var description: String { message }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Why Vectorscan could not load or scan.
struct VectorscanError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
