import Foundation

/// Shannon entropy of a byte string, in bits per byte.
enum Entropy {
    static func shannon<C: Collection>(_ bytes: C) -> Double where C.Element == UInt8 {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let length = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / length
            entropy -= p * log2(p)
        }
        return entropy
    }
}
