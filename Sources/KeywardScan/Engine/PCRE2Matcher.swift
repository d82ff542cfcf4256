import CPCRE2

/// Per-thread match state: match data, a match context with limits, and a JIT stack.
///
/// Not thread-safe: each scanning thread owns one.
final class PCRE2Matcher {
    /// Limits applied to every match so that no pattern can hang a scan.
    struct Limits: Sendable {
        /// PCRE2 match limit (backtracking steps per match call).
        var matchLimit: UInt32 = 5_000_000
        /// PCRE2 depth limit (interpreter only; JIT uses the stack size).
        var depthLimit: UInt32 = 100_000
        /// Largest JIT stack, bytes.
        var jitStackMax: Int = 4 << 20
    }

    /// A match: byte ranges of the whole match and of every group (nil when unset).
    struct Match {
        var groups: [Range<Int>?]
        var whole: Range<Int> { groups[0] ?? 0..<0 }
    }

    /// What a search ended with.
    enum Outcome {
        case match(Match)
        case noMatch
        /// The pattern hit the match, depth, heap or JIT-stack limit.
        case limitExceeded
        /// Any other PCRE2 error.
        case failed(String)
    }

    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    private let matchData: OpaquePointer
    /// Per pattern serial: 0 not yet prepared on this thread, 1 interpreter, 2 JIT.
    private var jitTable: [UInt8] = []

    init(limits: Limits = Limits()) {
        // Allocation failures here mean the process is out of memory; crash loudly rather than scan wrong.
        guard let context = pcre2_match_context_create_8(nil),
            let data = pcre2_match_data_create_8(64, nil)
        else { fatalError("PCRE2: out of memory creating match state") }
        self.context = context
        self.matchData = data
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 << 10, limits.jitStackMax, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
    }

    /// Finds the first match of `pattern` in `subject` at or after `start`.
    func firstMatch(
        _ pattern: PCRE2Pattern, in subject: UnsafeRawBufferPointer, from start: Int
    ) -> Outcome {
        guard let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .noMatch }
        let rc: Int32
        if useJIT(pattern) {
            rc = pcre2_jit_match_8(pattern.code, base, subject.count, start, 0, matchData, context)
        } else {
            rc = pcre2_match_8(pattern.code, base, subject.count, start, 0, matchData, context)
        }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT
            || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
        {
            return .limitExceeded
        }
        if rc < 0 { return .failed(PCRE2Pattern.message(for: rc)) }
        let ovector = pcre2_get_ovector_pointer_8(matchData)
        let unset = keyward_pcre2_unset()
        let pairs = min(Int(pcre2_get_ovector_count_8(matchData)), pattern.captureCount + 1)
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(pairs)
        for index in 0..<pairs {
            guard let ovector else { break }
            let lower = ovector[2 * index]
            let upper = ovector[2 * index + 1]
            groups.append(lower == unset || upper < lower ? nil : Int(lower)..<Int(upper))
        }
        return .match(Match(groups: groups))
    }

    /// Whether to run `pattern` through its JIT code; prepares it on this thread's first use.
    @inline(__always) private func useJIT(_ pattern: PCRE2Pattern) -> Bool {
        let serial = pattern.serial
        if serial < jitTable.count, jitTable[serial] != 0 { return jitTable[serial] == 2 }
        if serial >= jitTable.count { jitTable += [UInt8](repeating: 0, count: serial + 64 - jitTable.count) }
        let jit = pattern.prepare()
        jitTable[serial] = jit ? 2 : 1
        return jit
    }

    /// True when `pattern` matches anywhere in `subject` (limit hits count as no match).
    func matches(_ pattern: PCRE2Pattern, _ subject: UnsafeRawBufferPointer) -> Bool {
        if case .match = firstMatch(pattern, in: subject, from: 0) { return true }
        return false
    }

    /// True when `pattern` matches anywhere in `text`.
    func matches(_ pattern: PCRE2Pattern, _ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(pattern, UnsafeRawBufferPointer($0)) }
    }
}
