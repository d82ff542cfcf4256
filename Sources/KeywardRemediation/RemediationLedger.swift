import Foundation

/// One completed rotation as the ledger records it: identifiers and a date, never a secret.
public struct LedgerEntry: Sendable, Equatable, Codable {
    /// The rotated (now deleted) key.
    public var keyID: String
    /// Its IAM user.
    public var user: String
    /// Its account, when known.
    public var account: String?
    /// When the old key was deleted.
    public var rotatedAt: Date
    /// The key that replaced it.
    public var newKeyID: String?

    /// Creates an entry.
    public init(keyID: String, user: String, account: String?, rotatedAt: Date, newKeyID: String?) {
        self.keyID = keyID
        self.user = user
        self.account = account
        self.rotatedAt = rotatedAt
        self.newKeyID = newKeyID
    }
}

/// The remediation ledger: `{"version": 1, "rotations": [...]}` in the state directory
/// (`ledger.json`) and, with `--ledger FILE`, in a file meant to be committed (`.keyward-ledger.json`),
/// so that later scans and CI gates know which found keys are already rotated.
public struct RemediationLedger: Sendable {
    /// The ledger file.
    public let path: String
    let fileSystem: any FileSystemOps

    /// A ledger at `path`.
    public init(path: String, fileSystem: any FileSystemOps = LocalFileSystem()) {
        self.path = path
        self.fileSystem = fileSystem
    }

    struct Document: Codable {
        var version = 1
        var rotations: [LedgerEntry]
    }

    /// The entries; none when the file does not exist; throws when it exists but cannot be read.
    public func entries() throws -> [LedgerEntry] {
        guard fileSystem.exists(path) else { return [] }
        do {
            return try JournalStore.decoder.decode(Document.self, from: try fileSystem.read(path)).rotations
        } catch {
            throw RemediationError.journal(path: path, reason: "unreadable ledger: \(error)")
        }
    }

    /// Adds (or replaces) the entry of a key; atomic write, `mode` (0600 in the state directory,
    /// 0644 for a committed ledger: it holds no secret).
    public func record(_ entry: LedgerEntry, mode: mode_t) throws {
        var rotations = try entries().filter { $0.keyID != entry.keyID }
        rotations.append(entry)
        rotations.sort { $0.keyID < $1.keyID }
        do {
            let data = try JournalStore.encoder.encode(Document(rotations: rotations))
            try fileSystem.writeAtomically(path, data: data + Data("\n".utf8), mode: mode, owner: nil)
        } catch let error as RemediationError {
            throw RemediationError.journal(path: path, reason: "cannot write the ledger: \(error)")
        }
    }
}
