import Foundation
import TestSupport
import Testing

/// The documented examples run as written: their keyward command lines are taken from the files,
/// the scheduler's values substituted for every shard, run with the built binary against the shard
/// fixture tree, then the example's merge command; the merged report must be the unsharded scan's.
@Suite("examples: GitHub Actions matrix and Kubernetes Indexed Job")
struct ShardExamplesTests {
    static func example(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("examples/\(name)"), encoding: .utf8)
    }

    /// The YAML literal blocks (`run: |`, `- |`), dedented.
    static func literalBlocks(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [String] = []
        var index = 0
        while index < lines.count {
            let header = lines[index]
            index += 1
            guard header.trimmingCharacters(in: .whitespaces).hasSuffix("|"),
                !header.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            else { continue }
            let headerIndent = indentation(header)
            var body: [String] = []
            var blockIndent: Int?
            while index < lines.count {
                let line = lines[index]
                if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    guard indentation(line) > headerIndent else { break }
                    blockIndent = blockIndent ?? indentation(line)
                }
                body.append(line)
                index += 1
            }
            let cut = blockIndent ?? 0
            blocks.append(body.map { String($0.dropFirst(min(cut, indentation($0)))) }.joined(separator: "\n"))
        }
        return blocks
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// The value of the first `key:` after the first line containing `marker`.
    static func value(of key: String, after marker: String, in text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.contains(marker) }) else { return nil }
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key + ":") {
                return trimmed.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The `--output FILE` of a command line.
    static func output(of command: String) -> String? {
        let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let index = words.firstIndex(of: "--output"), index + 1 < words.count else { return nil }
        return words[index + 1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// Runs a shell snippet as the scheduler would, with the built keyward first on PATH.
    static func shell(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> ProcessResult
    {
        var env = ProcessInfo.processInfo.environment
        env["PATH"] =
            URL(fileURLWithPath: ProcessRunner.keywardBinary).deletingLastPathComponent().path + ":"
            + (env["PATH"] ?? "/usr/bin:/bin")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(
            "/usr/bin/timeout", ["300", "/bin/sh", "-e", "-c", script], in: directory.path, environment: env)
    }

    static func directory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-example-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The fixture tree in a fresh directory (a fresh checkout, as each CI job gets).
    static func checkout() throws -> URL {
        let root = try directory("checkout")
        try ShardFixtureTree.make(at: root)
        return root
    }

    @Test("github-actions-shards.yml: the matrix's scans and the merge job give the unsharded report")
    func githubActions() throws {
        let text = try Self.example("github-actions-shards.yml")
        let matrix = try #require(Self.value(of: "shard", after: "matrix:", in: text))
        let shards = matrix.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        #expect(shards == [1, 2, 3])
        let blocks = Self.literalBlocks(text)
        let scan = try #require(blocks.first { $0.contains("keyward scan") })
        let merge = try #require(blocks.first { $0.contains("keyward merge") })
        #expect(scan.contains("--shard ${{ matrix.shard }}/\(shards.count)"))
        let upload = try #require(Self.value(of: "path", after: "actions/upload-artifact", in: text))
        let download = try #require(Self.value(of: "path", after: "actions/download-artifact", in: text))

        let runnerTemp = try Self.directory("runner-temp")
        let mergeJob = try Self.directory("merge-job")
        try FileManager.default.createDirectory(
            at: mergeJob.appendingPathComponent(download), withIntermediateDirectories: true)
        for shard in shards {
            let command = scan.replacingOccurrences(of: "${{ matrix.shard }}", with: "\(shard)")
            #expect(!command.contains("${{"), "every expression substituted: \(command)")
            let result = try Self.shell(command, in: try Self.checkout(), environment: ["RUNNER_TEMP": runnerTemp.path])
            #expect(result.status == 0, "shard \(shard): \(result.stderr)")
            // upload-artifact, then download-artifact with merge-multiple into the merge job's `path`.
            let artifact = upload.replacingOccurrences(of: "${{ matrix.shard }}", with: "\(shard)")
                .replacingOccurrences(of: "${{ runner.temp }}", with: runnerTemp.path)
            let file = URL(fileURLWithPath: artifact)
            try FileManager.default.copyItem(
                at: file, to: mergeJob.appendingPathComponent(download).appendingPathComponent(file.lastPathComponent))
        }
        let merged = try Self.shell(merge, in: mergeJob)
        #expect(merged.status == 1, "the fixture has findings: the merge job fails the run. \(merged.stderr)")
        let report = mergeJob.appendingPathComponent(try #require(Self.output(of: merge)))
        let whole = try CLIRunner.run(["scan", ".", "--format", "json"], in: try Self.checkout())
        #expect(whole.status == 1)
        #expect(ReportComparison.normalized(file: report) == ReportComparison.normalized(whole.stdout))
        #expect(ReportComparison.normalized(file: report).count > 0)
    }

    @Test("k8s-indexed-job.yaml: every completion index's scan and the merge Job give the unsharded report")
    func kubernetesIndexedJob() throws {
        let text = try Self.example("k8s-indexed-job.yaml")
        #expect(text.contains("completionMode: Indexed"))
        let completions = try #require(Self.value(of: "completions", after: "kind: Job", in: text).flatMap { Int($0) })
        #expect(completions == 3)
        let blocks = Self.literalBlocks(text)
        let scan = try #require(blocks.first { $0.contains("keyward scan") })
        let merge = try #require(blocks.first { $0.contains("keyward merge") })
        #expect(scan.contains("--shard $((JOB_COMPLETION_INDEX + 1))/\(completions)"))

        // The pods' working directory: the cloned repository and the shared reports volume.
        let workspace = try Self.directory("pod")
        try FileManager.default.moveItem(at: try Self.checkout(), to: workspace.appendingPathComponent("repo"))
        try FileManager.default.createDirectory(
            at: workspace.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for index in 0..<completions {
            let result = try Self.shell(scan, in: workspace, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
            #expect(result.status == 0, "index \(index): \(result.stderr)")
            #expect(
                FileManager.default.fileExists(
                    atPath: workspace.appendingPathComponent("reports/keyward-shard-\(index + 1).json").path))
        }
        let merged = try Self.shell(merge, in: workspace)
        #expect(merged.status == 1, "\(merged.stderr)")
        let report = workspace.appendingPathComponent(try #require(Self.output(of: merge)))
        let whole = try CLIRunner.run(["scan", "repo", "--format", "json"], in: workspace)
        #expect(whole.status == 1)
        #expect(ReportComparison.normalized(file: report) == ReportComparison.normalized(whole.stdout))
        #expect(ReportComparison.normalized(file: report).count > 0)
    }
}
