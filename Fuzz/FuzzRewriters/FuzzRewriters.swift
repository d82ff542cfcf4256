import Foundation
import FuzzSupport
import KeywardAWS
@testable import KeywardRemediation

let names = ["app.json", ".env", "settings.ini", "credentials", "deploy.yaml", "app.properties", "config", "notes.txt"]
let newKey = "AKIANEWNEWNEWNEWNEWN"

/// The rewriters remediation uses on INI, .env, JSON, YAML and other files: the `~/.aws/credentials`
/// profile editor, the shared-file INI reader, and a rewrite then restore of one literal chosen
/// inside the input (the input's first bytes pick the file name and the literal's place and length).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRewriters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let name = names[Int(input.byte()) % names.count]
    let offset = Int(input.byte()) << 8 | Int(input.byte())
    let length = 1 + Int(input.byte()) % 48
    let content = input.rest
    let text = String(decoding: content, as: UTF8.self)

    let picked = String(decoding: content.prefix(8).filter { $0 > 0x20 && $0 < 0x7F && $0 != 0x5D }, as: UTF8.self)
    let profile = picked.isEmpty ? "default" : picked
    let edited = CredentialsProfileEditor.update(text, profile: profile, keyID: newKey, secret: "fuzz/secret+value")
    fuzzCheck(edited.contains(newKey), "the profile editor dropped the new key")
    if ProcessInfo.processInfo.environment["KEYWARD_FUZZ_STRICT"] != nil {
        // The promise behind the editor: AWS's own INI reading then finds the new key in that profile.
        let readBack = INIFile(parsing: edited).sections[profile]?["aws_access_key_id"]
        fuzzCheck(readBack == newKey, "profile [\(profile)] reads back \(readBack ?? "nothing")")
    }
    _ = INIFile(parsing: text)
    _ = INIFile(parsing: edited)

    guard !content.isEmpty else { return 0 }
    let start = min(offset, content.count - 1)
    let old = String(decoding: content[start..<min(content.count, start + length)], as: UTF8.self)
    // Remediation's literals are matched key IDs and secrets, never NUL: Foundation's
    // replacingOccurrences traps on NUL-only needles (found by this target; see docs/hardening.md).
    guard !old.isEmpty, !old.contains("\u{0}"), !newKey.contains(old) else { return 0 }
    let path = "/fuzz/" + name
    let files = MemoryFileSystem()
    files.put(path, Data(content))
    let rewriter = FileRewriter(fileSystem: files, clock: StoppedClock(), backupDirectory: "/state/backups")
    guard
        let backup = try? rewriter.rewrite(
            path, replacements: [(old: old, new: newKey)], expect: newKey, roots: ["/fuzz"])
    else {
        return 0
    }
    let rewritten = String(decoding: files.contents(path) ?? Data(), as: UTF8.self)
    fuzzCheck(rewritten.contains(newKey) && !rewritten.contains(old), "rewrite left the old literal or lost the new one")
    fuzzCheck(files.contents(backup) == Data(content), "the backup differs from the original")
    do {
        try rewriter.restore(path, from: backup)
    } catch {
        fuzzCheck(false, "restore failed: \(error)")
    }
    fuzzCheck(files.contents(path) == Data(content), "restore did not give the original back")
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzRewriters(_:_:)``.
@_cdecl("FuzzRewriters_main")
public func fuzzRewritersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzRewriters(data, size) }
}
