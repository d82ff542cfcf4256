import Foundation
import KeywardAWS

/// Writes the new pair to one delivery target.
struct Deliverer {
    let fileSystem: any FileSystemOps
    let home: String
    let secretsManager: SecretsManagerClient

    func deliver(_ target: DeliveryTarget, keyID: String, secret: String) async throws {
        switch target {
        case .profile(let name, let file):
            let path = expand(file ?? "~/.aws/credentials")
            let existing = fileSystem.exists(path) ? try fileSystem.read(path) : Data()
            let text = CredentialsProfileEditor.update(
                String(decoding: existing, as: UTF8.self), profile: name, keyID: keyID, secret: secret)
            let attributes = fileSystem.attributes(path)
            try fileSystem.createDirectory((path as NSString).deletingLastPathComponent, mode: 0o700)
            try fileSystem.writeAtomically(
                path, data: Data(text.utf8), mode: attributes?.mode ?? 0o600,
                owner: attributes.map { ($0.uid, $0.gid) })
        case .envFile(let path):
            let path = expand(path)
            let text = "AWS_ACCESS_KEY_ID=\(keyID)\nAWS_SECRET_ACCESS_KEY=\(secret)\n"
            try fileSystem.writeAtomically(path, data: Data(text.utf8), mode: 0o600, owner: nil)
        case .secretsManager(let secretID):
            let object = ["AWS_ACCESS_KEY_ID": keyID, "AWS_SECRET_ACCESS_KEY": secret]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
            do {
                _ = try await secretsManager.putSecretValue(secretID: secretID, secretString: json)
            } catch AWSError.noSuchEntity {
                _ = try await secretsManager.createSecret(
                    name: secretID, secretString: json, description: "AWS key pair written by keyward rotate")
            }
        }
    }

    func expand(_ path: String) -> String {
        path == "~" || path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
}
