import Foundation
import KeywardAWS

/// Rotates leaked AWS access keys: plan, then a journaled state machine
/// (create → verify → replace → deactivate → check use → delete) that can resume after a crash or roll back.
///
/// Never prints; every outcome is a `RotationResult` or a `RemediationError`.
public struct Rotator: Sendable {
    /// Endpoints, region, and the operator's credentials (may be nil with `actAsLeakedKey`).
    public let configuration: AWSConfiguration
    /// Where journals live.
    public let journals: JournalStore
    /// Files, clock, git, hooks.
    public let environment: RemediationEnvironment
    /// Transport and retries for AWS calls.
    public let options: AWSClientOptions

    /// Creates a rotator whose journals go to `journalDirectory`.
    public init(
        configuration: AWSConfiguration, journalDirectory: String,
        environment: RemediationEnvironment = RemediationEnvironment(), options: AWSClientOptions = AWSClientOptions()
    ) {
        self.configuration = configuration
        self.journals = JournalStore(directory: journalDirectory, fileSystem: environment.fileSystem)
        self.environment = environment
        self.options = options
    }

    static let leakedKeyMode = "leaked-key"
    static let operatorMode = "operator"

    func iam(_ credentials: AWSCredentials) -> IAMClient {
        IAMClient(credentials: credentials, endpoint: configuration.endpoint(for: .iam), options: options)
    }

    func sts(_ credentials: AWSCredentials) -> STSClient {
        STSClient(credentials: credentials, endpoint: configuration.endpoint(for: .sts), options: options)
    }

    func operatorCredentials() throws -> AWSCredentials {
        guard let credentials = configuration.credentials else {
            throw RemediationError.missingInput(
                "no operator credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE "
                    + "(or pass --as-leaked-key to rotate with the leaked pair itself)")
        }
        return credentials
    }

    /// The credentials that sign IAM calls for a journal in its current state.
    func caller(_ journal: RotationJournal) throws -> AWSCredentials {
        guard journal.plan.mode == Self.leakedKeyMode else { return try operatorCredentials() }
        if journal.state >= .verified, let id = journal.newKeyID, let secret = journal.newSecret {
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret)
        }
        guard let secret = journal.oldSecret else {
            throw RemediationError.missingInput("the leaked secret is needed to act as the leaked key")
        }
        return AWSCredentials(accessKeyID: journal.keyID, secretAccessKey: secret)
    }

    /// The current journal of a key, if any.
    public func journal(for keyID: String) throws -> RotationJournal? { try journals.load(keyID) }

    /// Keys whose journals are unfinished.
    public func unfinished() throws -> [RotationJournal] { try journals.all().filter { !$0.isFinished } }

    func record(_ journal: inout RotationJournal, _ state: RotationState?, step: String) throws {
        if let state { journal.state = state }
        journal.history.append(.init(step: step, at: environment.clock.now()))
        try journals.save(journal)
        environment.checkpoint(step)
    }
}
