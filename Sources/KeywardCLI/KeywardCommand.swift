import ArgumentParser

/// The `keyward` command: finds leaked secrets and rotates leaked AWS keys.
public struct KeywardCommand: AsyncParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "keyward",
        abstract: "Find leaked secrets in files and git, and rotate leaked AWS keys.",
        version: KeywardVersion.current,
        subcommands: [
            ScanCommand.self, RotateCommand.self, RulesCommand.self, KeysCommand.self, BaselineCommand.self,
            HookCommand.self, MergeCommand.self,
        ],
        defaultSubcommand: ScanCommand.self
    )

    /// Creates the command.
    public init() {}
}

/// keyward's version.
public enum KeywardVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
