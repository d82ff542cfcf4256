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

    /// The remediation ledger of this state directory.
    public var ledgerPath: String { directory + "/ledger.json" }

    /// Where finished journals go when the same key is rotated again (after a rollback).
    var archiveDirectory: String { directory + "/archive" }

    /// Where backups of rewritten files go (0700; never beside the file, where `git add -A` would commit them).
    public func backupDirectory(for keyID: String) -> String { "\(directory)/backups/\(keyID)" }

    /// Takes the key's exclusive lock (see ``RotationLock``).
    public func lock(_ keyID: String) throws -> RotationLock {
        try RotationLock.acquire(keyID: keyID, directory: directory, fileSystem: fileSystem)
    }

    /// Access key IDs are upper-case letters and digits; anything else never becomes a file name.
    static func checkKeyID(_ keyID: String) throws {
        guard (16...128).contains(keyID.utf8.count),
            keyID.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw RemediationError.invalidArgument("'\(keyID.prefix(40))' is not an access key ID (A-Z and 0-9, 16 to 128 characters)")
        }
    }

    /// Writes the first journal of a rotation: fails when one exists (`O_EXCL` semantics, by `link`).
    /// A finished journal of an earlier rotation of the key (rolled back) is moved to `archive/` first.
    public func create(_ journal: RotationJournal) throws {
        let path = path(for: journal.keyID)
        if let existing = try load(journal.keyID) {
            guard existing.isFinished else {
                throw RemediationError.invalidState(
                    keyID: journal.keyID, state: existing.state.rawValue,
                    reason: "an unfinished rotation exists (\(path)); use --resume or --rollback")
            }
            try fileSystem.createDirectory(archiveDirectory, mode: 0o700)
            let stamp = JournalDates.format(existing.history.last?.at ?? Date()).replacingOccurrences(of: ":", with: "")
            try fileSystem.move(path, to: "\(archiveDirectory)/\(journal.keyID)-\(stamp).json")
        }
        let created: Bool
        do {
            try fileSystem.createDirectory(directory, mode: 0o700)
            created = try fileSystem.createExclusively(path, data: try Self.encode(journal), mode: 0o600)
        } catch let error as RemediationError {
            throw RemediationError.journal(path: path, reason: "\(error)")
        } catch {
            throw RemediationError.journal(path: path, reason: "cannot encode: \(error)")
        }
        guard created else {
            throw RemediationError.invalidState(
                keyID: journal.keyID, state: "planned",
                reason: "another rotation of this key wrote its journal first (\(path)); nothing was changed")
        }
    }

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
        let names = try fileSystem.list(directory).filter {
            $0.hasSuffix(".json") && !$0.hasPrefix(".") && (try? Self.checkKeyID(String($0.dropLast(5)))) != nil
        }.sorted()
        return try names.compactMap { try load(String($0.dropLast(5))) }
    }

    package static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(JournalDates.format(date))
        }
        return encoder
    }()

    package static let decoder: JSONDecoder = {
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
