import ArgumentParser
import KeywardScan

/// `keyward rules list | test`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rule pack, or run each rule's own examples.",
        subcommands: [List.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules in force.")
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let setup = rules.setup(root: ".")
            let list: [Rule]
            do {
                list = try setup.rules(config: try setup.loadConfig())
            } catch {
                throw CLIExit.failure(error)
            }
            let width = list.map(\.id.count).max() ?? 0
            for rule in list {
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(id)  \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(rule.description)")
            }
            print("\(list.count) rules")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Check every rule's examples match and negative examples do not.")
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let setup = rules.setup(root: ".")
            let outcome: (failures: [RuleTester.Failure], examples: Int)
            do {
                outcome = try RuleTester.run(rules: try setup.rules(config: try setup.loadConfig()))
            } catch {
                throw CLIExit.failure(error)
            }
            for failure in outcome.failures { print("FAIL \(failure)") }
            let passed = outcome.examples - outcome.failures.count
            print("\(passed) passed, \(outcome.failures.count) failed")
            if !outcome.failures.isEmpty { throw CLIExit(code: ExitStatus.leaks) }
        }
    }
}
