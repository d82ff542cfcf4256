import ArgumentParser
import Testing
@testable import KeywardCLI

/// Start-up cost guard: a command without an explicit `commandName` makes ArgumentParser derive it
/// from the type's name with `String(describing:)` at every start, and each derivation costs about a
/// million instructions of protocol-conformance lookups (callgrind, `keyward scan FILE`).
@Suite struct CommandNamesTests {
    @Test func everyCommandNamesItself() {
        var pending: [any ParsableCommand.Type] = [KeywardCommand.self]
        var seen = 0
        while let command = pending.popLast() {
            seen += 1
            #expect(command.configuration.commandName != nil, "\(command) needs commandName in its configuration")
            pending += command.configuration.subcommands
        }
        #expect(seen > 10)
    }
}
