import CVectorscan
import Foundation

/// A compiled Vectorscan (Hyperscan) block-mode database: finds every keyword of every rule in one
/// SIMD pass over a buffer.
///
/// The only file that imports CVectorscan. The database is immutable and shared by all threads;
/// each thread scans with its own ``VectorscanScratch``.
final class VectorscanDatabase: @unchecked Sendable {
    private let database: OpaquePointer
    /// Each literal's length; match ids are its indices.
    let lengths: [Int]

    /// The library version and the CPU it tunes for: part of every cache key (a serialised
    /// database is only valid for the same version and platform).
    static let platformKey: String = {
        var platform = hs_platform_info_t()
        _ = hs_populate_platform(&platform)
        let version = hs_version().map { String(cString: $0) } ?? "unknown"
        return "vectorscan \(version) tune \(platform.tune) features \(platform.cpu_features)"
    }()

    /// Compiles case-insensitive literals; literal `i` reports match id `i`.
    init(caselessLiterals literals: [[UInt8]]) throws(VectorscanError) {
        var database: OpaquePointer?
        var compileError: UnsafeMutablePointer<hs_compile_error_t>?
        let count = literals.count
        let flags = [UInt32](repeating: UInt32(HS_FLAG_CASELESS), count: count)
        let ids = (0..<count).map { UInt32($0) }
        let lengths = literals.map(\.count)
        // Each literal as a C buffer (literals may hold any byte; lengths are passed explicitly).
        let buffers = literals.map { literal -> UnsafeMutablePointer<CChar> in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, literal.count))
            literal.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress ?? UnsafeRawPointer(buffer), byteCount: literal.count)
            }
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0) }
        let status = hs_compile_lit_multi(
            pointers, flags, ids, lengths, UInt32(count), UInt32(HS_MODE_BLOCK), nil, &database, &compileError)
        guard status == HS_SUCCESS, let database else {
            let message = compileError?.pointee.message.map { String(cString: $0) } ?? "error \(status)"
            if let compileError { hs_free_compile_error(compileError) }
            throw VectorscanError(message: "cannot compile keywords: \(message)")
        }
        self.database = database
        self.lengths = lengths
    }

    /// Restores a database written by ``serialized()``; fails on bytes from another version,
    /// platform or a damaged file (never trusted further than Vectorscan's own checks allow).
    init(serialized bytes: [UInt8], lengths: [Int]) throws(VectorscanError) {
        var database: OpaquePointer?
        let status = bytes.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &database)
        }
        guard status == HS_SUCCESS, let database else {
            throw VectorscanError(message: "cannot load a serialised database (error \(status))")
        }
        self.database = database
        self.lengths = lengths
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

    /// Calls `onMatch(id, start)` for every occurrence of every literal; `onMatch` returns false
    /// to stop. Buffers past 1 GiB are scanned in segments overlapping by the longest literal.
    /// Returns false when Vectorscan failed (the caller must then not trust the absence of matches).
    func scan(_ buffer: UnsafeRawBufferPointer, scratch: VectorscanScratch, _ onMatch: (Int, Int) -> Bool) -> Bool {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count > 0 else { return true }
        let step = Self.segmentLength
        let overlap = max(0, (lengths.max() ?? 1) - 1)
        var segment = 0
        var stopped = false
        while segment < buffer.count, !stopped {
            let length = min(buffer.count - segment, step + overlap)
            // Starts at or past the segment's end are reported again, whole, by the next segment.
            let ownedEnd = segment + step < buffer.count ? segment + step : Int.max
            let status = withoutActuallyEscaping(onMatch) { onMatch -> hs_error_t in
                var context = SegmentContext(offset: segment, ownedEnd: ownedEnd, lengths: lengths, onMatch: onMatch)
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
        let lengths: [Int]
        let onMatch: (Int, Int) -> Bool

        func report(id: Int, end: Int) -> Bool {
            guard id < lengths.count else { return false }
            let start = offset + end - lengths[id]
            return start >= ownedEnd ? true : onMatch(id, start)
        }
    }
}

/// Vectorscan scratch space: one per thread, freed with its owner.
final class VectorscanScratch {
    fileprivate let pointer: OpaquePointer

    fileprivate init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { hs_free_scratch(pointer) }
}

/// Why Vectorscan could not compile, load or scan.
struct VectorscanError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
