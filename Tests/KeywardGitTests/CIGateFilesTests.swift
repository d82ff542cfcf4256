import Foundation
import Testing

/// The gate files users copy: the pre-commit framework hook, the GitHub Action, the GitLab template.
@Suite struct CIGateFilesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func preCommitFrameworkHook() throws {
        let hook = try text(".pre-commit-hooks.yaml")
        #expect(hook.contains("- id: keyward"))
        #expect(hook.contains("entry: keyward scan --staged"))
        #expect(hook.contains("pass_filenames: false"))
    }

    @Test func githubActionScansTheRangeAndUploadsSARIF() throws {
        let action = try text("action.yml")
        #expect(action.contains("mode=(--range \"$PR_BASE..$PR_HEAD\")"))
        #expect(action.contains("mode=(--range \"$PUSH_BEFORE..$PUSH_AFTER\")"))
        #expect(action.contains("--format sarif --output \"$sarif\""))
        #expect(action.contains("github/codeql-action/upload-sarif"))
        #expect(action.contains("1) echo \"::error::keyward found secrets"))
    }

    @Test func gitlabTemplateProducesSecretDetectionReport() throws {
        let template = try text("ci/gitlab-secret-detection.yml")
        #expect(template.contains("--format gitlab --output gl-secret-detection-report.json"))
        #expect(template.contains("image: $KEYWARD_IMAGE"))
        #expect(template.contains("secret_detection: gl-secret-detection-report.json"))
        #expect(template.contains("GIT_DEPTH: \"0\""))
    }
}
