/// The parameters of one AWS Query API call, in order, form-encoded for a POST body.
package struct QueryParameters: Sendable {
    package private(set) var pairs: [(name: String, value: String)] = []

    /// Starts with `Action` and `Version`.
    package init(action: String, version: String) {
        pairs = [("Action", action), ("Version", version)]
    }

    /// Adds a parameter; nil adds nothing.
    package mutating func add(_ name: String, _ value: String?) {
        if let value { pairs.append((name, value)) }
    }

    /// Adds a list as `Name.member.1`, `Name.member.2`, ….
    package mutating func addList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() {
            pairs.append(("\(name).member.\(index + 1)", value))
        }
    }

    /// The first value of a parameter.
    package func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// `application/x-www-form-urlencoded` text, each name and value RFC 3986-encoded.
    package var formEncoded: String {
        pairs.map { SigV4Canonical.uriEncode($0.name) + "=" + SigV4Canonical.uriEncode($0.value) }
            .joined(separator: "&")
    }
}
