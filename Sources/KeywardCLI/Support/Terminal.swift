import Foundation

/// What the terminal supports.
enum Terminal {
    /// Standard output is a terminal and color is not disabled by `NO_COLOR`.
    static var stdoutWantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Standard error is a terminal (progress lines go there).
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Standard input is a terminal (confirmation prompts).
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Writes to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
