/// Whether 40 bytes look like an AWS secret access key (base64 of 30 random bytes) rather than a
/// hash, an identifier or a word: both cases and a digit or symbol, not hex; and, for a bare string
/// with no key name (`withoutKeyName`), no long same-case runs (identifiers, paths, words).
enum AWSSecretShape {
    static func isPlausible<C: Collection>(_ bytes: C, withoutKeyName: Bool = true) -> Bool where C.Element == UInt8 {
        guard bytes.count == 40 else { return false }
        var upper = 0
        var lower = 0
        var other = 0
        var run = 0
        var longestRun = 0
        var lastClass = 0
        var hexOnly = true
        for byte in bytes {
            let cls: Int
            switch byte {
            case 65...90: upper += 1; cls = 1
            case 97...122: lower += 1; cls = 2
            default: other += 1; cls = 3
            }
            run = cls == lastClass ? run + 1 : 1
            lastClass = cls
            if cls != 3 { longestRun = max(longestRun, run) }
            let isHex = (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
            if !isHex { hexOnly = false }
        }
        // AWS's documentation secrets end in EXAMPLEKEY: recognise them so they are counted as examples.
        let documentation = bytes.suffix(10).elementsEqual("EXAMPLEKEY".utf8)
        return !hexOnly && upper >= 4 && lower >= 4 && other >= 1 && (!withoutKeyName || longestRun <= 10 || documentation)
    }
}

extension AWSSecretShape {
    /// Words in a setting's name that say its value is some other system's secret (a VPN or
    /// RADIUS shared secret, a webhook or JWT signing key, an OAuth client secret), never an AWS key.
    static let otherSecretWords = [
        "shared", "psk", "radius", "webhook", "signing", "hmac", "jwt", "client", "consumer", "encrypt",
    ]

    /// Whether the bytes just before `offset` on its line name a setting (`SharedSecret: `,
    /// `"webhook_secret": "`, `| SharedSecret | `) that holds another system's secret.
    static func isOtherSecretName(settingBefore offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        var index = offset - 1
        let floor = max(0, offset - 64)
        // Separators between a name and its value: quotes, = : | , ( [ ] > \ and blanks.
        let separators: Set<UInt8> = Set(" \t\"'`=:|,([]>\\".utf8)
        while index >= floor, separators.contains(bytes[index]) { index -= 1 }
        let end = index + 1
        while index >= floor, isNameByte(bytes[index]) { index -= 1 }
        guard end > index + 1 else { return false }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            .lowercased()
        return !name.contains("aws") && otherSecretWords.contains { name.contains($0) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122, 95, 45, 46: true  // 0-9 A-Z a-z _ - .
        default: false
        }
    }
}
