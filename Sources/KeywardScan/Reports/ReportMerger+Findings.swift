/// What the JSON and SARIF merges share: the order and deduplication of findings, and the
/// shards' counts.
extension ReportMerger {
    /// A finding (a JSON finding or a SARIF result) with what ordering and deduplication read from it.
    struct Entry {
        var value: [String: ReportJSON]
        var fingerprint: String
        var path: String
        var line: Int
        var column: Int
        var ruleID: String
        var commit: String
        /// `shard_order` (`--history` shards): the blob's place in the whole history.
        var order: Int?
    }

    /// The shards' findings as the unsharded scan reports them: one per place and commit; in
    /// `--history`, one per fingerprint (the oldest blob's, as the scan keeps); sorted by path,
    /// line, column and rule, ties in history order and then in the shards' own order.
    static func ordered(_ entries: [Entry]) -> [Entry] {
        var oldest: [String: Int] = [:]
        for entry in entries {
            if let order = entry.order { oldest[entry.fingerprint] = min(oldest[entry.fingerprint] ?? order, order) }
        }
        var seen = Set<String>()
        let kept = entries.filter { entry in
            if let order = entry.order, oldest[entry.fingerprint] != order { return false }
            return seen.insert("\(entry.fingerprint)|\(entry.line)|\(entry.column)|\(entry.commit)").inserted
        }
        return stableSorted(kept) { lhs, rhs in
            if (lhs.path, lhs.line, lhs.column, lhs.ruleID) != (rhs.path, rhs.line, rhs.column, rhs.ruleID) {
                return (lhs.path, lhs.line, lhs.column, lhs.ruleID) < (rhs.path, rhs.line, rhs.column, rhs.ruleID)
            }
            return (lhs.order ?? 0) < (rhs.order ?? 0)
        }
    }

    /// `items` sorted by `less`, equal items kept in their given order.
    static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { lhs, rhs in
            if less(lhs.element, rhs.element) { return true }
            if less(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// `items` without repeats (equal JSON values), first occurrence first.
    static func unique(_ items: [ReportJSON]) -> [ReportJSON] {
        var seen: [ReportJSON] = []
        var byText = Set<String>()
        for item in items where byText.insert(item.rendered()).inserted { seen.append(item) }
        return seen
    }

    /// The sum of an integer member over objects (a missing member counts 0).
    static func sum(_ objects: [ReportJSON?], _ key: String) -> ReportJSON {
        .int(objects.reduce(0) { $0 + ($1?[key]?.int ?? 0) })
    }

    /// The longest of the shards' times (they run side by side), in seconds.
    static func longest(_ objects: [ReportJSON?], _ key: String) -> ReportJSON {
        .double(objects.map { $0?[key]?.double ?? 0 }.max() ?? 0)
    }
}
