import Foundation
import KeywardAWS

/// Everything that can stop a rotation; messages name keys, users and files, never a secret.
public enum RemediationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The user already holds two keys and keyward may not delete the other one.
    case userHasTwoKeys(user: String, otherKeyID: String, otherStatus: String)
    /// A call to AWS failed during a step.
    case aws(step: String, error: AWSError)
    /// The newly created key did not authenticate within the retries.
    case newKeyDoesNotAuthenticate(keyID: String, detail: String)
    /// A file could not be read, written or validated.
    case file(path: String, reason: String)
    /// A delivery target could not be written.
    case delivery(target: String, reason: String)
    /// The journal could not be read or written.
    case journal(path: String, reason: String)
    /// No journal exists for the key (resume/rollback).
    case noJournal(keyID: String)
    /// The requested operation does not fit the journal's state.
    case invalidState(keyID: String, state: String, reason: String)
    /// A command-line value is malformed (delivery target, duration…).
    case invalidArgument(String)
    /// The operation needs credentials or a secret that were not given.
    case missingInput(String)
    /// The old key was used after it was deactivated: keyward does not delete it.
    case oldKeyStillUsed(keyID: String, lastUsed: Date, service: String?)
    /// git could not say whether it tracks a file: nothing is changed (fail closed).
    case gitCheck(path: String, reason: String)
    /// Another keyward process holds the key's lock (it is rotating, resuming or rolling back the key).
    case locked(keyID: String, lockFile: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .userHasTwoKeys(let user, let other, let status):
            return "user \(user) already has two access keys (the other is \(other), \(status)); "
                + (status == "Inactive"
                    ? "pass --delete-inactive to delete it first"
                    : "delete or deactivate one key first (IAM allows two per user)")
        case .aws(let step, let error): return "\(step): \(error)"
        case .newKeyDoesNotAuthenticate(let keyID, let detail):
            return "the new key \(keyID) does not authenticate (STS GetCallerIdentity): \(detail)"
        case .file(let path, let reason): return "\(path): \(reason)"
        case .delivery(let target, let reason): return "deliver to \(target): \(reason)"
        case .journal(let path, let reason): return "journal \(path): \(reason)"
        case .noJournal(let keyID): return "no rotation journal for \(keyID)"
        case .invalidState(let keyID, let state, let reason): return "\(keyID) (state \(state)): \(reason)"
        case .invalidArgument(let message): return message
        case .missingInput(let message): return message
        case .oldKeyStillUsed(let keyID, let lastUsed, let service):
            return "the old key \(keyID) was used at \(ISO8601DateFormatter().string(from: lastUsed))"
                + (service.map { " (\($0))" } ?? "")
                + " after it was deactivated; not deleting it (find the user of the key, then --resume, or --rollback)"
        case .gitCheck(let path, let reason):
            return "\(path): cannot tell whether git tracks it (\(reason)); nothing was changed. "
                + "Fix git (or `git config --global --add safe.directory DIR` if you trust the repository) and run again"
        case .locked(let keyID, let lockFile):
            return "another keyward is rotating \(keyID) right now (lock \(lockFile) is held); "
                + "nothing was changed. Wait for it to finish, then check with `keyward rotate --resume \(keyID)`"
        }
    }
}
