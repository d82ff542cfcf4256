import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A minimal read-only XML element tree, enough for AWS Query API responses.
package struct XMLNode: Sendable {
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
        guard parser.parse(), builder.openedRoot else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw AWSError.malformedResponse("XML: \(reason)")
        }
        // Foundation's parser can accept a document cut short (a truncated answer): every element,
        // the root included, must have been closed, or a half-read value (a secret!) would be used.
        guard let root = builder.root, builder.stack.isEmpty else {
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

    /// Builds the tree of values: an element joins its parent (or becomes the root) when it closes.
    final class Builder: NSObject, XMLParserDelegate {
        /// The first element, once closed.
        var root: XMLNode?
        /// The open elements, innermost last.
        var stack: [XMLNode] = []
        var openedRoot = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            if stack.isEmpty { openedRoot = true }
            stack.append(XMLNode(name: local))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            guard let node = stack.popLast() else { return }
            if !stack.isEmpty {
                stack[stack.count - 1].children.append(node)
            } else if root == nil {
                root = node
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }
    }
}
