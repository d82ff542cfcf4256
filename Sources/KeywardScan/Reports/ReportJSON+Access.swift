/// Reading a parsed report: members, numbers and strings without a `switch` at every step.
extension ReportJSON {
    /// The object's members, or nil when this is not an object.
    var object: [String: ReportJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The array's items, or nil when this is not an array.
    var array: [ReportJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The string, or nil.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as an integer (a whole double counts), or nil.
    var int: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value == value.rounded() && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    /// The number as a double, or nil.
    var double: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The boolean, or nil.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// A member of an object (nil for a missing member or a non-object).
    subscript(key: String) -> ReportJSON? {
        object?[key]
    }
}
