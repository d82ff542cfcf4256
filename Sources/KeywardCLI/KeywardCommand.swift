import ArgumentParser

/// The `keyward` command: finds leaked secrets and rotates leaked AWS keys.
public struct KeywardCommand: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "keyward",
        abstract: "Find leaked secrets in files and git, and rotate leaked AWS keys."
    )
    /// Creates the command.
    public init() {}
}
