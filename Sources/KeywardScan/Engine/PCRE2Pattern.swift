import CPCRE2
import Foundation
import Synchronization

/// A PCRE2 pattern compiled once, shared by all threads; JIT-compiled on first use.
///
/// JIT compilation costs far more than compiling, and most rules never meet their keyword in a
/// pre-commit check: so a pattern is JIT-compiled (under its lock) the first time any thread
/// matches with it, through ``prepare()``. The only type that touches CPCRE2's pointers; per-thread
/// match state lives in ``PCRE2Matcher``.
final class PCRE2Pattern: Sendable {
    /// The source pattern.
    let source: String
    /// `nonisolated(unsafe)`: a C pointer, which Swift cannot check. Sound because PCRE2 lets threads
    /// share a compiled pattern (each matches with its own match data, ``PCRE2Matcher``), the pointer
    /// never changes, and its one mutation, the JIT compilation, happens in ``prepare()`` under
    /// `jitCompiled`'s lock, which every thread takes before its first match with the pattern.
    nonisolated(unsafe) let code: OpaquePointer
    /// Number of capture groups in the pattern.
    let captureCount: Int
    /// A small number unique to this pattern: the index of its slot in each matcher's JIT table.
    let serial: Int
    /// nil until the first ``prepare()``; then whether `pcre2_jit_compile` succeeded.
    private let jitCompiled = Mutex<Bool?>(nil)

    /// Hands out ``serial`` numbers.
    private static let serials = Atomic<Int>(0)

    /// Compiles `source` for raw bytes (no UTF mode), optionally caseless.
    init(_ source: String, caseless: Bool = false) throws(PatternError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let options: UInt32 = caseless ? UInt32(PCRE2_CASELESS) : 0
        let compiled: OpaquePointer? = source.withCString { cString in
            cString.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) { bytes in
                pcre2_compile_8(bytes, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PatternError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        self.source = source
        serial = Self.serials.wrappingAdd(1, ordering: .relaxed).oldValue
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    /// JIT-compiles the pattern unless done already; true when matching may use the JIT.
    /// Every thread calls it before its first match with this pattern (``PCRE2Matcher`` does).
    func prepare() -> Bool {
        jitCompiled.withLock { jitCompiled in
            if let jitCompiled { return jitCompiled }
            let compiled = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            jitCompiled = compiled
            return compiled
        }
    }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
    }
}

/// Why a pattern did not compile: PCRE2's message and the offset in the pattern.
struct PatternError: Error, CustomStringConvertible {
    let message: String
    let offset: Int
    var description: String { "\(message) at offset \(offset)" }
}
