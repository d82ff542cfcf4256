/// The options and environment every git command keyward runs gets, so that a scanned repository's
/// own configuration (`.git/config`, which the content under review may control) cannot run code or
/// prompt: fsmonitor, hooks, pagers, external diff and textconv, credential helpers and transports
/// are switched off, and system-wide config and inherited `-c` settings are ignored.
///
/// Shared by scanning (`KeywardGit`) and remediation's tracked-file check, which depend on nothing else.
public enum HardenedGit {
    /// `-c` options placed before every git subcommand (they override any config file).
    public static let configArguments: [String] = [
        "--no-pager",
        "-c", "core.fsmonitor=false",
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.pager=cat",
        "-c", "core.askPass=",
        "-c", "core.sshCommand=false",
        "-c", "core.gitProxy=",
        "-c", "core.alternateRefsCommand=",
        "-c", "core.untrackedCache=false",
        "-c", "credential.helper=",
        "-c", "protocol.allow=never",
        "-c", "uploadpack.packObjectsHook=",
        "-c", "color.ui=never",
        "-c", "core.quotepath=off",
        "-c", "log.showSignature=false",
        "-c", "gpg.program=false",
        "-c", "gpg.ssh.program=false",
        "-c", "gpg.x509.program=false",
        "-c", "gc.auto=0",
        "-c", "maintenance.auto=false",
        "-c", "core.attributesFile=/dev/null",
    ]

    /// Options every `diff`/`log` that prints patches must also get: no external diff driver
    /// (`diff.external`, `diff.<driver>.command`) and no textconv filter from `.gitattributes`.
    public static let patchArguments: [String] = ["--no-ext-diff", "--no-textconv"]

    /// Subcommands that can print patches, and so could run an external diff or textconv filter.
    public static let patchingSubcommands: Set<String> = ["diff", "log", "show", "diff-tree", "diff-index", "diff-files", "whatchanged"]

    /// The whole argument list for `git <arguments>`: ``configArguments`` first, then `arguments`
    /// with ``patchArguments`` right after the subcommand when it can print patches (so no caller
    /// can forget them). Leading `-c NAME=VALUE` pairs in `arguments` are kept before the subcommand.
    public static func arguments(_ arguments: [String]) -> [String] {
        var index = 0
        while index + 1 < arguments.count, arguments[index] == "-c" { index += 2 }
        guard index < arguments.count, patchingSubcommands.contains(arguments[index]) else {
            return configArguments + arguments
        }
        let rest = arguments[(index + 1)...]
        let missing = patchArguments.filter { !rest.contains($0) }
        return configArguments + arguments[...index] + missing + rest
    }

    /// Variables removed from the inherited environment: each can make git run a program, read config
    /// keyward did not choose, or talk to a terminal.
    public static let removedVariables: [String] = [
        "GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND",
        "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG", "GIT_CONFIG_GLOBAL_OVERRIDE", "GIT_PAGER_IN_USE",
        "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_EVENT", "GIT_TRACE2_PERF", "GIT_EDITOR", "EDITOR", "VISUAL",
        "GIT_SEQUENCE_EDITOR", "GIT_ALLOW_PROTOCOL", "GIT_PROTOCOL_FROM_USER", "GIT_EXEC_PATH",
        "GIT_TRACE_PACKET", "GIT_TRACE_PERFORMANCE", "GIT_TRACE_SETUP",
    ]

    /// Variables set on top of the inherited environment.
    public static let setVariables: [String: String] = [
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_LAZY_FETCH": "1",
        "LC_ALL": "C",
    ]

    /// The environment for a git process: `inherited` without the removed variables (and without any
    /// `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`), plus the set ones, plus `overrides` (tests isolate
    /// HOME and global config with them).
    public static func environment(
        inherited: [String: String], overrides: [String: String] = [:]
    ) -> [String: String] {
        var env = inherited.filter { key, _ in
            !removedVariables.contains(key) && !key.hasPrefix("GIT_CONFIG_KEY_") && !key.hasPrefix("GIT_CONFIG_VALUE_")
        }
        for (key, value) in setVariables { env[key] = value }
        for (key, value) in overrides { env[key] = value }
        return env
    }
}
