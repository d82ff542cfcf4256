import ArgumentParser
import Foundation
import KeywardKeyID
import KeywardRemediation
import KeywardScan

/// `scan --remediate`: the flag and its options.
struct ScanRemediationOptions: ParsableArguments {
    @Flag(help: "Rotate every live leaked AWS key found (implies --verify; see `keyward rotate --help`).")
    var remediate = false

    @OptionGroup var options: RemediationOptions
}

extension ScanCommand {
    /// Rotates the keys `--verify` proved live; returns the remediation exit status (0 when nothing stopped).
    func remediate(_ report: ScanReport, roots: [String]) async throws -> Int32 {
        guard remediation.remediate else { return ExitStatus.clean }
        let printer = RemediationPrinter(json: false, showSecrets: output.showSecrets, toStandardError: true)
        for key in report.keys where key.verification?.status == "live" && AWSKeyID.isTemporary(key.keyID) {
            printer.note(
                "--remediate: \(key.keyID) is a live temporary (STS) credential: it has no IAM access key to rotate; "
                    + "revoke the sessions of the role or user that issued it")
        }
        let live = report.keys.filter { $0.verification?.status == "live" && !AWSKeyID.isTemporary($0.keyID) }
        guard !live.isEmpty else {
            printer.note("--remediate: no live AWS key found; nothing to rotate")
            return ExitStatus.clean
        }
        let absoluteRoots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let requests = try live.map { key in
            var request = try remediation.options.request(
                keyID: key.keyID, secret: key.secret, files: Self.files(of: key, roots: roots),
                canaryAccounts: aws.canaryAccounts)
            // Rewrites stay inside the scanned trees, links resolved (a link out of the tree is not followed).
            request.roots = absoluteRoots
            return request
        }
        let session = RemediationSession(
            configuration: try await aws.configuration(), options: remediation.options, printer: printer)
        return await session.rotate(requests)
    }

    /// Absolute paths of the working-tree files where a key was found: not git history, not a member
    /// inside an archive (`app.jar!/…` is no file to rewrite), not a name that is not UTF-8.
    static func files(of key: KeyReport, roots: [String]) -> [String] {
        var isDirectory: ObjCBool = false
        let singleDirectory = roots.count == 1 && FileManager.default.fileExists(atPath: roots[0], isDirectory: &isDirectory)
            && isDirectory.boolValue
        var files: [String] = []
        for location in key.locations where location.commit == nil && !location.isArchiveMember && location.pathBytes == nil {
            let path = singleDirectory ? roots[0] + "/" + location.path : location.path
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if !files.contains(absolute) { files.append(absolute) }
        }
        return files
    }
}
