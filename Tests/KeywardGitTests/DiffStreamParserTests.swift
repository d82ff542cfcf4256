import Foundation
import Testing

@testable import KeywardGit

@Suite("diff stream parsing")
struct DiffStreamParserTests {
    static func parse(_ text: String) throws -> [CommitDiff] {
        var diffs: [CommitDiff] = []
        try DiffStreamParser(GitOutputStream(bytes: Array(text.utf8)), command: "test").parse { diffs.append($0) }
        return diffs
    }

    @Test(
        "git's C quoting of path names",
        arguments: [
            ("plain name.txt", "plain name.txt"),
            ("tab\there", "\"tab\\there\""),
            ("quo\"te", "\"quo\\\"te\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("bell\u{7}", "\"bell\\a\""),
            ("esc\u{1b}", "\"esc\\033\""),
            ("clé", "clé"),
        ])
    func quoting(name: String, quoted: String) {
        #expect(String(decoding: GitQuoting.quote(Array(name.utf8)), as: UTF8.self) == quoted)
    }

    @Test("hunks: added lines counted through context and no-newline markers")
    func hunks() throws {
        let text = """
            :100644 100644 1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 M\u{0}f.txt\u{0}\u{0}\
            diff --git a/f.txt b/f.txt
            index 1111111..2222222 100644
            --- a/f.txt
            +++ b/f.txt
            @@ -2 +2,2 @@
            -old
            +@@ -9 +9 @@ not a header
            +\u{1}not a commit
            @@ -10,3 +11,4 @@
             same
            -gone
            +new one
             same
            +tail
            \\ No newline at end of file

            """
        let diffs = try Self.parse(text)
        let diff = try #require(diffs.first)
        #expect(diffs.count == 1)
        #expect(diff.entries.map(\.pathString) == ["f.txt"])
        #expect(diff.patches.first?.added == [2, 3, 12, 14])
        #expect(diff.alignedPatches()?.first??.added == [2, 3, 12, 14])
    }

    @Test("commit headers, renames and combined merge entries")
    func commitsAndEntries() throws {
        let sha = String(repeating: "a", count: 40)
        let blob = String(repeating: "b", count: 40)
        let zero = String(repeating: "0", count: 40)
        let text =
            "\u{1}\(sha)\u{0}Ann\u{0}ann@example.com\u{0}2024-01-02T03:04:05+01:00\u{0}\u{0}\n"
            + ":100644 100644 \(blob) \(blob) R100\u{0}old path\u{0}new path\u{0}\u{0}"
            + "\u{1}\(sha)\u{0}Ann\u{0}ann@example.com\u{0}2024-01-02T03:04:05+01:00\u{0}\u{0}\u{0}"
            + "::100644 100644 100644 \(blob) \(blob) \(blob) MM\u{0}merged\u{0}"
            + "::000000 000000 100644 \(zero) \(zero) \(blob) AA\u{0}added in merge\u{0}"
        let diffs = try Self.parse(text)
        #expect(diffs.count == 2)
        #expect(diffs[0].commit?.date == "2024-01-02T03:04:05+01:00")
        let rename = try #require(diffs[0].entries.first)
        #expect(String(decoding: rename.oldPath, as: UTF8.self) == "old path")
        #expect(rename.pathString == "new path")
        #expect(diffs[1].entries.map(\.parentCount) == [2, 2])
        #expect(diffs[1].entries.map(\.newBlob) == [blob, blob])
        #expect(diffs[1].entries[1].oldBlob == nil)
    }

    @Test("sections that do not match their entries are not trusted")
    func misalignedSections() throws {
        let text = """
            :100644 100644 1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 M\u{0}f.txt\u{0}\u{0}\
            diff --git a/g.txt b/g.txt
            @@ -1 +1 @@
            -a
            +b

            """
        #expect(try Self.parse(text).first?.alignedPatches() == nil)
    }

    @Test("a malformed hunk is an error, not a silent pass")
    func malformedHunk() throws {
        let text = "diff --git a/f b/f\n@@ -1 +1,2 @@\n+a\nzzz\n"
        #expect(throws: GitError.self) { try Self.parse(text) }
    }
}
