import Foundation

/// Turns `A..B`, `A...B` and `--since REF` into two commit ids, failing closed with a message that
/// says how to fix the clone when history is missing.
struct RangeResolver {
    let repository: GitRepository

    /// `REF..HEAD`.
    func resolveSince(_ ref: String) throws -> (base: String, head: String) {
        try resolve(ref + "..HEAD", original: "--since " + ref)
    }

    /// `A..B` (commits reachable from B and not from A) or `A...B` (from their merge base to B).
    func resolve(_ spec: String) throws -> (base: String, head: String) {
        try resolve(spec, original: spec)
    }

    private func resolve(_ spec: String, original: String) throws -> (base: String, head: String) {
        let threeDot = spec.contains("...")
        guard let separator = spec.range(of: threeDot ? "..." : "..") else {
            throw GitError.invalidRange(original, reason: "no '..' between the two ends")
        }
        let left = String(spec[..<separator.lowerBound])
        let right = String(spec[separator.upperBound...])
        let baseRef = left.isEmpty ? "HEAD" : left
        let headRef = right.isEmpty ? "HEAD" : right
        for ref in [baseRef, headRef] where ref.hasPrefix("-") || ref.contains("..") {
            throw GitError.invalidRange(original, reason: "'\(ref)' is not a revision")
        }
        let shallow = try repository.isShallow()
        let head = try commit(headRef, shallow: shallow)
        if baseRef.count >= 7, baseRef.allSatisfy({ $0 == "0" }) {
            throw GitError.unknownRevision(
                ref: baseRef, repository: repository.root,
                hint: "an all-zero base is the 'before' of a newly pushed branch; scan it with "
                    + "--since <default branch> (e.g. --since origin/main) instead")
        }
        var base = try commit(baseRef, shallow: shallow)
        guard let mergeBase = try repository.gitIfSucceeds(["merge-base", base, head])?.text, !mergeBase.isEmpty else {
            if shallow { throw GitError.shallowHistory(ref: baseRef, depth: try depth(), repository: repository.root) }
            throw GitError.noCommonHistory(base: baseRef, head: headRef, repository: repository.root)
        }
        if threeDot { base = mergeBase }
        if shallow, try crossesShallowBoundary(base: base, head: head) {
            throw GitError.shallowHistory(ref: baseRef, depth: try depth(), repository: repository.root)
        }
        return (base, head)
    }

    /// The commit `ref` names, or a fail-closed error saying how to get it.
    private func commit(_ ref: String, shallow: Bool) throws -> String {
        if let sha = try repository.resolveCommit(ref) { return sha }
        let isHex = ref.count >= 7 && ref.count <= 40 && ref.allSatisfy(\.isHexDigit)
        // In a shallow clone a missing ref is most often history the clone did not fetch.
        if shallow {
            throw GitError.shallowHistory(ref: ref, depth: try depth(), repository: repository.root)
        }
        throw GitError.unknownRevision(
            ref: ref, repository: repository.root, hint: try fetchHint(for: ref, isHex: isHex))
    }

    /// A `git fetch` command that would bring `ref` in.
    private func fetchHint(for ref: String, isHex: Bool) throws -> String {
        let remotes = (try repository.gitIfSucceeds(["remote"])?.text ?? "")
            .split(separator: "\n").map(String.init)
        guard let firstRemote = remotes.first else {
            return "check the name (git branch -a; git tag) — this repository has no remote to fetch it from"
        }
        if isHex {
            return "fetch it first (git fetch \(firstRemote) \(ref)), or fetch all history (git fetch --unshallow)"
        }
        let trimmed = ref.hasPrefix("refs/remotes/") ? String(ref.dropFirst("refs/remotes/".count)) : ref
        if let slash = trimmed.firstIndex(of: "/"), remotes.contains(String(trimmed[..<slash])) {
            let remote = String(trimmed[..<slash])
            let branch = String(trimmed[trimmed.index(after: slash)...])
            return "fetch it first (git fetch \(remote) \(branch))"
        }
        return "check the name, or fetch it first (git fetch \(firstRemote) \(ref))"
    }

    /// True when a commit of `base..head` is a shallow boundary (its parents are missing), so its diff
    /// would wrongly show every file as added.
    private func crossesShallowBoundary(base: String, head: String) throws -> Bool {
        let shallowPath = try repository.git(["rev-parse", "--git-path", "shallow"]).text
        let absolute = shallowPath.hasPrefix("/") ? shallowPath : repository.root + "/" + shallowPath
        guard let text = try? String(contentsOfFile: absolute, encoding: .utf8) else { return false }
        let boundary = Set(text.split(separator: "\n").map(String.init))
        guard !boundary.isEmpty else { return false }
        let commits = try repository.git(["rev-list", "\(base)..\(head)", "--"]).text.split(separator: "\n")
        return commits.contains { boundary.contains(String($0)) }
    }

    /// Commits reachable from HEAD in this shallow clone (its effective depth).
    private func depth() throws -> Int {
        Int(try repository.gitIfSucceeds(["rev-list", "--count", "HEAD"])?.text ?? "") ?? 0
    }
}
