import Foundation
import Synchronization

/// Runs a profile's `credential_process` and reads the JSON (Version 1) it prints.
///
/// The command is split into words (no shell) and run with standard input from /dev/null and its
/// standard error passed through to the user; its standard output, which holds the secret, is only
/// parsed, never shown. A non-zero exit, a timeout or unreadable output is an error.
struct CredentialProcess {
    let settings: ProcessSettings
    let timeout: TimeInterval
    /// More output than this is not credentials.
    static let outputLimit = 1 << 20

    func run() async throws -> AWSCredentials {
        let output = try await execute()
        return try parse(output)
    }

    var label: String { "credential_process of profile \"\(settings.profile)\"" }

    /// The command's standard output, after it exits 0.
    func execute() async throws -> Data {
        guard let words = CommandLineWords.split(settings.command), let program = words.first else {
            throw AWSError.configuration("\(label) is empty or has an unterminated quote")
        }
        guard let executable = Self.locate(program, path: settings.environment["PATH"]) else {
            throw AWSError.noCredentials("\(label): \(program) is not an executable file (or not on PATH)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(words.dropFirst())
        process.environment = settings.environment
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        let pipe = Pipe()
        process.standardOutput = pipe
        let exited = ExitSignal()
        process.terminationHandler = { _ in exited.fire() }
        do {
            try process.run()
        } catch {
            throw AWSError.noCredentials("\(label): cannot start \(executable)")
        }
        // Read while waiting, so neither a full pipe nor a silent child can block past the timeout.
        let reader = pipe.fileHandleForReading
        let output = OutputBuffer()
        let drained = ExitSignal()
        DispatchQueue.global().async {
            while let chunk = try? reader.read(upToCount: 65536), !chunk.isEmpty {
                if !output.append(chunk, limit: Self.outputLimit) {
                    process.terminate()
                    break
                }
            }
            drained.fire()
        }
        let finished = await exited.wait(timeout: timeout)
        if !finished {
            process.terminate()
            if !(await exited.wait(timeout: 2)) { kill(process.processIdentifier, SIGKILL) }
            throw AWSError.noCredentials("\(label) did not finish within \(Int(timeout)) s; it was stopped")
        }
        guard await drained.wait(timeout: 5), let data = output.data else {
            throw AWSError.noCredentials("\(label) printed more than \(Self.outputLimit) bytes, or kept its output open")
        }
        if process.terminationReason == .uncaughtSignal {
            throw AWSError.noCredentials("\(label) was killed by signal \(process.terminationStatus)")
        }
        guard process.terminationStatus == 0 else {
            throw AWSError.noCredentials(
                "\(label) exited with status \(process.terminationStatus) (its error output, if any, is above)")
        }
        return data
    }

    /// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
    func parse(_ output: Data) throws -> AWSCredentials {
        let wrong = AWSError.noCredentials(
            "\(label) did not print credentials as JSON (Version 1 with AccessKeyId and SecretAccessKey)")
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else { throw wrong }
        guard let version = object["Version"] as? Int, version == 1 else {
            throw AWSError.noCredentials("\(label) printed JSON whose Version is not 1")
        }
        guard let keyID = object["AccessKeyId"] as? String, !keyID.isEmpty,
            let secret = object["SecretAccessKey"] as? String, !secret.isEmpty
        else { throw wrong }
        let expiration = try AWSCredentials.expiration(
            in: object, invalid: AWSError.noCredentials("\(label) printed an Expiration that is not an ISO 8601 time"))
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
            expiration: expiration)
    }

    /// A path as given when it has a slash, else the first executable of that name on `PATH`.
    static func locate(_ program: String, path: String?) -> String? {
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? program : nil
        }
        // Absolute entries only: a relative one (`.`, empty) would let the scanned tree supply the program.
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A one-shot signal a process's termination handler fires and an async caller waits for, with a limit.
final class ExitSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func fire() { semaphore.signal() }

    /// True when fired within `timeout` seconds.
    func wait(timeout: TimeInterval) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.semaphore.wait(timeout: .now() + timeout) == .success)
            }
        }
    }
}

/// The child's standard output as it arrives, capped; nil once the cap was passed.
final class OutputBuffer: Sendable {
    private let state = Mutex((bytes: Data(), overflowed: false))

    /// Appends a chunk; false (and the buffer dropped) when the total passes `limit`.
    func append(_ chunk: Data, limit: Int) -> Bool {
        state.withLock { state in
            state.bytes.append(chunk)
            if state.bytes.count > limit {
                state.overflowed = true
                state.bytes = Data()
            }
            return !state.overflowed
        }
    }

    /// What was read, nil after an overflow.
    var data: Data? { state.withLock { $0.overflowed ? nil : $0.bytes } }
}
