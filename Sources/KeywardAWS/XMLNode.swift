import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A minimal read-only XML element tree, enough for AWS Query API responses.
package final class XMLNode: @unchecked Sendable {
    /// The element name without namespace prefix.
    package let name: String
    /// Child elements in document order.
    package private(set) var children: [XMLNode] = []
    /// The element's own character data, concatenated.
    package private(set) var text: String = ""

    init(name: String) { self.name = name }

    /// Parses a document and returns its root element; throws `AWSError.malformedResponse`.
    package static func parse(_ data: Data) throws -> XMLNode {
        // FoundationXML crashes on an element name that is not valid UTF-8 (found by FuzzAWSXML): AWS
        // answers in UTF-8, so anything else is refused before the parser sees it.
        guard String(data: data, encoding: .utf8) != nil else {
            throw AWSError.malformedResponse("XML: the body is not valid UTF-8")
        }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw AWSError.malformedResponse("XML: \(reason)")
        }
        // Foundation's parser can accept a document cut short (a truncated answer): every element,
        // the root included, must have been closed, or a half-read value (a secret!) would be used.
        guard builder.closedRoot, builder.stack.isEmpty else {
            throw AWSError.malformedResponse("XML: the document ends before its root element is closed")
        }
        return root
    }

    /// The first child with this name.
    package func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// All children with this name.
    package func children(named name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// Follows a `/`-separated path of child names from this element.
    package func at(_ path: String) -> XMLNode? {
        var node: XMLNode? = self
        for part in path.split(separator: "/") {
            node = node?.child(String(part))
        }
        return node
    }

    /// The trimmed text at a path, nil when the element is absent.
    package func string(_ path: String) -> String? {
        at(path).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The `member` elements of the list element at a path (empty when absent).
    package func members(_ path: String) -> [XMLNode] {
        at(path)?.children(named: "member") ?? []
    }

    /// The first descendant (depth first, self included) with this name.
    package func first(_ name: String) -> XMLNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []
        var closedRoot = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLNode(name: local)
            if let parent = stack.last {
                parent.children.append(node)
            } else if root == nil {
                root = node
            }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            _ = stack.popLast()
            if stack.isEmpty, root != nil { closedRoot = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
