import Foundation
import FuzzSupport
@testable import KeywardGit
import KeywardScan

/// Answers `rev-parse` with `false` (a non-bare repository rooted at "false") and every other
/// command with `output` as its standard output: git's answers without git.
struct ReplayRunner: GitRunning {
    var output: [UInt8] = []

    func stream(
        _ arguments: [String], in directory: String, input: [UInt8]?, body: (GitOutputStream) throws -> Void
    ) throws -> GitOutput {
        try body(GitOutputStream(bytes: arguments.first == "rev-parse" ? Array("false\n".utf8) : output))
        return GitOutput(status: 0)
    }

    /// Same answers; what is written to standard input is dropped.
    func streamWithInput(
        _ arguments: [String], in directory: String, body: (GitInputWriter, GitOutputStream) throws -> Void
    ) throws -> GitOutput {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else { return GitOutput(status: 1) }
        defer { close(ends[0]) }
        try body(GitInputWriter(fileDescriptor: ends[1]), GitOutputStream(bytes: output))
        return GitOutput(status: 0)
    }
}

let scanner: GitScanner? = {
    guard let repository = try? GitRepository(path: "/", runner: ReplayRunner()) else { return nil }
    return GitScanner(repository: repository, scanner: { _, _ in ([], []) }, parallelism: 1)
}()

/// `git log`/`git diff` output (raw entries, NUL-separated, then patches): parse each commit,
/// align its patches and plan its blob tasks; then the same bytes as `cat-file --batch` output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    var skipped: [SkippedFile] = []
    try? DiffStreamParser(GitOutputStream(bytes: input.all), command: "log").parse { diff in
        if let aligned = diff.alignedPatches() {
            fuzzCheck(aligned.count == diff.entries.count, "aligned \(aligned.count) of \(diff.entries.count)")
        }
        _ = scanner?.tasks(from: diff, skipped: &skipped)
    }
    if let repository = try? GitRepository(path: "/", runner: ReplayRunner(output: input.all)) {
        let ids = ["0", "1", "2", "3"]
        var seen = 0
        try? BlobReader(repository: repository).read(ids) { index, _ in
            fuzzCheck(index == seen, "blob \(index) out of order")
            seen += 1
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzGitParsers(_:_:)``.
@_cdecl("FuzzGitParsers_main")
public func fuzzGitParsersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzGitParsers(data, size) }
}
