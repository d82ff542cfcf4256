import ArgumentParser
import Foundation
import KeywardGit

/// `keyward hook install | uninstall`: the pre-commit hook that runs `keyward scan --staged`.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook", abstract: "Install or remove the git pre-commit hook.",
        subcommands: [Install.self, Uninstall.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install a pre-commit hook that blocks commits adding secrets (an existing hook is kept and chained).")
        @Flag(help: "Replace a foreign hook instead of chaining it (it is kept as a backup, not run).")
        var force = false
        @Argument(help: "The repository (default: .).")
        var repository = "."

        func run() throws {
            do {
                let repo = try GitRepository(path: repository)
                print(HookCommand.describe(try HookInstaller.install(repo: repo, force: force, executable: HookCommand.executable)))
            } catch {
                throw CLIExit.failure(error)
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall", abstract: "Remove keyward's hook (a chained hook is put back).")
        @Argument(help: "The repository (default: .).")
        var repository = "."

        func run() throws {
            do {
                print(HookCommand.describe(try HookInstaller.uninstall(repo: try GitRepository(path: repository))))
            } catch {
                throw CLIExit.failure(error)
            }
        }
    }

    /// The running binary's absolute path, so the hook calls this keyward.
    static var executable: String? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func describe(_ outcome: HookInstaller.Outcome) -> String {
        switch outcome {
        case .installed(let hook): return "keyward: installed \(hook)"
        case .chained(let hook, let chained): return "keyward: installed \(hook); the existing hook runs first from \(chained)"
        case .updated(let hook, let changed): return "keyward: \(hook) already installed" + (changed ? " (refreshed)" : "")
        case .replaced(let hook, let backup): return "keyward: installed \(hook); the previous hook was moved to \(backup)"
        case .uninstalled(let hook, let restored):
            return "keyward: removed \(hook)" + (restored.map { "; restored \($0)" } ?? "")
        case .notInstalled(let hook): return "keyward: no keyward hook at \(hook)"
        }
    }
}
