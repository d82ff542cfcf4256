/// The text of keyward's pre-commit hook.
enum HookScript {
    /// The line that marks a hook as keyward's (and its version).
    static let marker = "# keyward-hook v1"
    /// Where a foreign hook found at install time is kept and chained (run first).
    static let chainedName = "pre-commit.keyward-chained"
    /// Where `--force` moves a foreign hook (kept, not run).
    static let backupName = "pre-commit.keyward-backup"

    /// A POSIX sh script that runs a chained hook (if any), then `keyward scan --staged`.
    static func text(executable: String?) -> String {
        let preferred = executable.map(shellQuoted) ?? "''"
        return """
            #!/bin/sh
            \(marker)
            # Installed by `keyward hook install`; `keyward hook uninstall` removes it and restores
            # any hook it chained. Skip it for one commit: SKIP=keyward git commit …  (or --no-verify).
            hook_dir=$(dirname "$0")
            if [ -x "$hook_dir/\(chainedName)" ]; then
                "$hook_dir/\(chainedName)" "$@" || exit $?
            fi
            case ",${SKIP:-}," in
                *,keyward,*) echo "keyward: skipped (SKIP=keyward)" >&2; exit 0 ;;
            esac
            keyward=\(preferred)
            if [ -z "$keyward" ] || [ ! -x "$keyward" ]; then
                keyward=$(command -v keyward) || {
                    echo "keyward: executable not found; install it on PATH or skip with SKIP=keyward" >&2
                    exit 1
                }
            fi
            exec "$keyward" scan --staged

            """
    }

    /// `value` in single quotes for sh.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
