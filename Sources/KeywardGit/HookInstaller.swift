import Foundation

/// Installs and removes keyward's git pre-commit hook.
///
/// The hook goes into the directory git runs hooks from (`git rev-parse --git-path hooks`, which
/// honours `core.hooksPath`). A pre-commit hook that is not keyward's is kept as
/// `pre-commit.keyward-chained` and run first; `force` moves it to `pre-commit.keyward-backup`
/// instead (kept, not run). Installing again only refreshes keyward's script.
public struct HookInstaller: Sendable {
    /// What `install` did.
    public enum Outcome: Sendable, Equatable {
        /// Wrote the hook where there was none.
        case installed(hook: String)
        /// Kept an existing foreign hook at `chained` and wrote the hook that runs it first.
        case chained(hook: String, chained: String)
        /// keyward's hook was already there; its script was refreshed (`changed` false: byte-identical).
        case updated(hook: String, changed: Bool)
        /// `force`: moved a foreign hook to `backup` (not run) and wrote the hook.
        case replaced(hook: String, backup: String)
        /// Removed keyward's hook (and put `restored` back when a chained hook existed).
        case uninstalled(hook: String, restored: String?)
        /// `uninstall` found no keyward hook.
        case notInstalled(hook: String)
    }

    /// The marker line every keyward hook carries.
    public static let marker = HookScript.marker

    /// The hooks directory git uses for `repository` (absolute): the repository's own
    /// `core.hooksPath` (relative to the top level), else `hooks` in the common git directory.
    ///
    /// Every git call keyward makes overrides `core.hooksPath` (so scanning runs no hook), so the
    /// setting is read with its scopes and the `command` one (keyward's override) is ignored.
    public static func hooksDirectory(repository: GitRepository) throws -> String {
        guard !repository.isBare else { throw GitError.noWorkTree(path: repository.root) }
        let configured = try repository.gitIfSucceeds(
            ["config", "-z", "--type=path", "--show-scope", "--get-all", "core.hooksPath"])
        let fields = (configured?.stdout ?? []).split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var hooksPath: String?
        var index = 0
        while index + 1 < fields.count {
            if fields[index] != "command" { hooksPath = fields[index + 1] }
            index += 2
        }
        let path = try hooksPath ?? (repository.git(["rev-parse", "--git-common-dir"]).text + "/hooks")
        let absolute = path.hasPrefix("/") ? path : repository.root + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// Installs the pre-commit hook running `executable scan --staged` (falling back to `keyward` on PATH).
    public static func install(repo: GitRepository, force: Bool = false, executable: String? = nil) throws -> Outcome {
        let directory = try hooksDirectory(repository: repo)
        let files = HookFiles(directory: directory)
        try files.createDirectory()
        let script = HookScript.text(executable: executable)
        guard let existing = files.read(files.hook) else {
            try files.write(script, to: files.hook)
            return .installed(hook: files.hook)
        }
        if existing.contains(HookScript.marker) {
            let changed = existing != script
            if changed { try files.write(script, to: files.hook) }
            return .updated(hook: files.hook, changed: changed)
        }
        if force {
            let backup = files.freeName(HookScript.backupName)
            try files.move(files.hook, to: backup)
            try files.write(script, to: files.hook)
            return .replaced(hook: files.hook, backup: backup)
        }
        guard !files.exists(files.chained) else {
            throw GitError.hookConflict(
                path: files.hook,
                detail: "a foreign pre-commit hook is installed and \(HookScript.chainedName) already exists; "
                    + "merge them by hand, or use --force to set this hook aside as \(HookScript.backupName)")
        }
        try files.move(files.hook, to: files.chained)
        try files.makeExecutable(files.chained)
        try files.write(script, to: files.hook)
        return .chained(hook: files.hook, chained: files.chained)
    }

    /// Removes keyward's hook and restores the hook it chained; refuses to touch a foreign hook.
    public static func uninstall(repo: GitRepository) throws -> Outcome {
        let files = HookFiles(directory: try hooksDirectory(repository: repo))
        guard let existing = files.read(files.hook) else { return .notInstalled(hook: files.hook) }
        guard existing.contains(HookScript.marker) else {
            throw GitError.hookConflict(path: files.hook, detail: "this pre-commit hook is not keyward's; left as is")
        }
        try files.remove(files.hook)
        guard files.exists(files.chained) else { return .uninstalled(hook: files.hook, restored: nil) }
        try files.move(files.chained, to: files.hook)
        return .uninstalled(hook: files.hook, restored: files.hook)
    }
}
