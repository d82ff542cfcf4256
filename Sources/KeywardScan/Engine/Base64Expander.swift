import Foundation

/// Kubernetes Secret manifests carry their values base64-encoded: decode each base64-looking value
/// in place (one line stays one line), scan the decoded view, and report what is found inside a
/// decoded value at the line and column of the encoded value.
enum Base64Expander {
    /// A decoded value: where it sits in the decoded view and in the original.
    struct Region {
        var line: Int
        var decodedColumns: Range<Int>
        var originalColumn: Int
        var originalLength: Int
    }

    static let valuePattern: PCRE2Pattern? = try? PCRE2Pattern(
        #"(?m)(?:^|[:,{\[])[ \t]*"?[A-Za-z0-9_.-]*"?[ \t]*:[ \t]*["']?([A-Za-z0-9+/]{16,}={0,2})["']?[ \t]*,?[ \t]*\r?$"#)
    static let manifestMarkers = ["kind: Secret", "\"kind\": \"Secret\"", "\"kind\":\"Secret\""]

    /// Only YAML and JSON files that declare a Kubernetes Secret.
    static func applies(path: String, bytes: UnsafeRawBufferPointer) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else {
            return false
        }
        // "Secret" first: its capital S is rarer than the markers' first byte.
        guard ByteSearch.contains(bytes, Array("Secret".utf8)) else { return false }
        return manifestMarkers.contains { ByteSearch.contains(bytes, Array($0.utf8)) }
    }

    static func scanDecoded(_ bytes: UnsafeRawBufferPointer, path: String, worker: EngineWorker) -> ContentScanResult {
        guard let pattern = valuePattern else { return ContentScanResult() }
        var view: [UInt8] = []
        var regions: [Region] = []
        var copied = 0
        var line = 1
        var lineStartInView = 0
        var lineStartInOriginal = 0
        func copy(upTo end: Int) {
            for offset in copied..<end {
                view.append(bytes[offset])
                if bytes[offset] == 0x0A {
                    line += 1
                    lineStartInView = view.count
                    lineStartInOriginal = offset + 1
                }
            }
            copied = max(copied, end)
        }
        var start = 0
        while case .match(let match) = worker.matcher.firstMatch(pattern, in: bytes, from: start) {
            start = max(match.whole.upperBound, start + 1)
            guard match.groups.count > 1, let value = match.groups[1],
                let decoded = decode(UnsafeRawBufferPointer(rebasing: bytes[value]))
            else { continue }
            copy(upTo: value.lowerBound)
            let viewColumn = view.count - lineStartInView + 1
            view += decoded
            regions.append(
                Region(line: line, decodedColumns: viewColumn..<(viewColumn + decoded.count),
                       originalColumn: value.lowerBound - lineStartInOriginal + 1, originalLength: value.count))
            copied = value.upperBound
        }
        guard !regions.isEmpty else { return ContentScanResult() }
        copy(upTo: bytes.count)
        var result = view.withUnsafeBytes {
            worker.scanChunk($0, path: path, owned: 0..<$0.count, position: ChunkPosition())
        }
        result.findings = result.findings.compactMap { finding in
            guard let region = regions.first(where: {
                $0.line == finding.line && $0.decodedColumns.contains(finding.column)
            }) else { return nil }
            var mapped = finding
            mapped.column = region.originalColumn
            mapped.endLine = finding.line
            mapped.endColumn = region.originalColumn + region.originalLength
            return mapped
        }
        return result
    }

    /// Decoded bytes when the value is base64 of text; newlines and controls become spaces.
    static func decode(_ value: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let data = Data(base64Encoded: Data(value)), !data.isEmpty else { return nil }
        let printable = data.filter { (32...126).contains($0) || $0 == 9 || $0 == 10 || $0 == 13 }.count
        guard printable * 10 >= data.count * 9 else { return nil }
        return data.map { (32...126).contains($0) ? $0 : 0x20 }
    }
}
