import ArgumentParser
import KeywardKeyID

/// `keyward keys decode ID…` (key kind and AWS account, offline) and `keyward keys audit`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Work with AWS access key IDs.", subcommands: [Decode.self, KeysAuditCommand.self])

    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decode",
            abstract: "Print the kind and AWS account encoded in access key IDs (no network).")

        @Argument(help: "Access key IDs, e.g. AKIA…")
        var keyIDs: [String]

        func validate() throws {
            if keyIDs.isEmpty { throw ValidationError("give at least one key ID") }
        }

        func run() throws {
            var bad = false
            for value in keyIDs {
                guard let key = AWSKeyID(value) else {
                    Terminal.error("keyward: \(value): not an AWS key ID\n")
                    bad = true
                    continue
                }
                print("\(key.value)  \(key.kind.rawValue)  account \(key.account ?? "none (legacy ID)")")
            }
            if bad { throw CLIExit(code: ExitStatus.error) }
        }
    }
}
