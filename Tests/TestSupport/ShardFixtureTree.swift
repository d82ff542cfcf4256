import Foundation

/// A scan tree for the shard tests: many files with planted fake AWS keys (generated from a fixed
/// seed, in the shape of real ones; never AWS's documentation values), one key used in several
/// files, decoys, and entries a scan lists as skipped (`.git`, a symlink, a fifo), a zip with a key
/// inside, a binary with a key, and a file whose name is not UTF-8.
public enum ShardFixtureTree {
    /// Fake key pairs, the same on every run.
    public static let keys: [(id: String, secret: String)] = {
        var generator = SplitMix64(seed: 0x6B65_7977_6172_64)
        let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return (0..<48).map { _ in
            let id = "AKIA" + String((0..<16).map { _ in idAlphabet[Int(generator.next() % UInt64(idAlphabet.count))] })
            let secret = String(
                (0..<40).map { _ in secretAlphabet[Int(generator.next() % UInt64(secretAlphabet.count))] })
            return (id, secret)
        }
    }()

    /// Builds the tree under `root` (an existing, empty directory).
    public static func make(at root: URL) throws {
        for (index, key) in keys.enumerated() {
            let text: String
            let path: String
            switch index % 4 {
            case 0:
                path = "services/svc-\(index)/.env"
                text = "AWS_ACCESS_KEY_ID=\(key.id)\nAWS_SECRET_ACCESS_KEY=\(key.secret)\nREGION=eu-west-1\n"
            case 1:
                path = "config/app-\(index).json"
                text = "{\n  \"aws_access_key_id\": \"\(key.id)\",\n  \"aws_secret_access_key\": \"\(key.secret)\"\n}\n"
            case 2:
                path = "deploy/env-\(index % 3)/values-\(index).yaml"
                text = "aws:\n  accessKeyId: \(key.id)\n  secretAccessKey: \(key.secret)\n"
            default:
                path = "scripts/run-\(index).sh"
                text = "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=\(key.id)\necho start\n"
            }
            try write(text, to: path, in: root)
        }
        // One key in many files: its locations span the shards.
        let shared = keys[0]
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            try write("[default]\naws_access_key_id = \(shared.id)\n", to: "shared/\(name)/credentials", in: root)
        }
        for number in 0..<24 {
            try write(
                "nothing to see \(number)\nsha=\(String(repeating: "ab12", count: 10))\n", to: "docs/page-\(number).md",
                in: root)
        }
        try write("[core]\n\tbare = false\n", to: ".git/config", in: root)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("link.env").path, withDestinationPath: "services/svc-0/.env")
        mkfifo(root.appendingPathComponent("queue.fifo").path, 0o644)
        var binary = Data([0x7F, 0x45, 0x4C, 0x46, 0, 1, 0, 0])
        binary.append(Data("\0aws_access_key_id=\(keys[1].id)\0".utf8))
        try binary.write(to: root.appendingPathComponent("bin/tool.bin").creatingDirectory())
        let zip = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); "
                    + "z.writestr('inner/app.properties', 'aws.accessKeyId=' + sys.argv[2] + '\\n'); z.close()",
                root.appendingPathComponent("dist/bundle.zip").creatingDirectory().path, keys[2].id,
            ], environment: ProcessInfo.processInfo.environment)
        guard zip.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        // A name that is not UTF-8 (`caf\xe9.env`), written through its bytes.
        let name = (Array(root.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".env".utf8) + [0]).map {
            CChar(bitPattern: $0)
        }
        let descriptor = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let line = Array("AWS_ACCESS_KEY_ID=\(keys[3].id)\n".utf8)
        _ = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    private static func write(_ text: String, to relative: String, in root: URL) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(relative).creatingDirectory())
    }
}

extension URL {
    /// Creates this file URL's parent directory; returns the URL.
    fileprivate func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

/// A small seeded generator (SplitMix64): the same fake keys on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
