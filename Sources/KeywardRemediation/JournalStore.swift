import Foundation

/// The journal directory: one `<KEY_ID>.json` per key, directory 0700, files 0600, atomic writes.
public struct JournalStore: Sendable {
    /// The directory.
    public let directory: String
    let fileSystem: any FileSystemOps

    /// A store in `directory` using `fileSystem`.
    public init(directory: String, fileSystem: any FileSystemOps = LocalFileSystem()) {
        self.directory = directory
        self.fileSystem = fileSystem
    }

    /// The default directory: `$XDG_STATE_HOME/keyward`, else `~/.local/state/keyward`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/keyward" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/keyward"
    }

    /// The journal file of a key.
    public func path(for keyID: String) -> String { "\(directory)/\(keyID).json" }

    /// Saves atomically (temp + fsync + rename + fsync directory), mode 0600.
    public func save(_ journal: RotationJournal) throws {
        let path = path(for: journal.keyID)
        do {
            try fileSystem.createDirectory(directory, mode: 0o700)
            try fileSystem.writeAtomically(path, data: try Self.encode(journal), mode: 0o600, owner: nil)
        } catch let error as RemediationError {
            throw RemediationError.journal(path: path, reason: "\(error)")
        } catch {
            throw RemediationError.journal(path: path, reason: "cannot encode: \(error)")
        }
    }

    /// The journal as JSON; absent secrets are written as explicit `null` (the scrub is visible).
    static func encode(_ journal: RotationJournal) throws -> Data {
        let data = try encoder.encode(journal)
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        for key in ["old_secret", "new_secret"] where object[key] == nil { object[key] = NSNull() }
        return try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The journal of a key; nil when there is none.
    public func load(_ keyID: String) throws -> RotationJournal? {
        let path = path(for: keyID)
        guard fileSystem.exists(path) else { return nil }
        do {
            return try Self.decoder.decode(RotationJournal.self, from: try fileSystem.read(path))
        } catch {
            throw RemediationError.journal(path: path, reason: "unreadable: \(error)")
        }
    }

    /// Every journal in the directory, sorted by key ID.
    public func all() throws -> [RotationJournal] {
        guard fileSystem.exists(directory) else { return [] }
        let names = try fileSystem.list(directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        return try names.compactMap { try load(String($0.dropLast(5))) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(JournalDates.format(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            SnakeKey(camel: path.last?.stringValue ?? "")
        }
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = JournalDates.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date"))
            }
            return date
        }
        return decoder
    }()
}

/// ISO 8601 dates with milliseconds, as the journal writes them.
enum JournalDates {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}

/// Turns `new_key_id` back into `newKeyID` (Foundation's own strategy would give `newKeyId`).
struct SnakeKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(camel snake: String) {
        let parts = snake.split(separator: "_").map(String.init)
        stringValue = parts.enumerated().map { index, part in
            if index == 0 { return part }
            return part == "id" ? "ID" : part.prefix(1).uppercased() + part.dropFirst()
        }.joined()
        if stringValue.isEmpty { stringValue = snake }
    }

    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
