import Foundation

/// Locates the repository's `fixtures/` folder from this source file's path (no bundle resources needed).
public enum Fixtures {
    /// The repository root: two levels above `Tests/TestSupport/`.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `fixtures/<relative path>` under the repository root.
    public static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath)
    }

    /// The bytes of a fixture file.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// The text of a fixture file (UTF-8).
    public static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }
}
