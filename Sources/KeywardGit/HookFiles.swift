import Foundation

/// The files of a hooks directory, with the few operations the installer needs.
struct HookFiles {
    let directory: String
    var hook: String { directory + "/pre-commit" }
    var chained: String { directory + "/" + HookScript.chainedName }

    func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GitError.io(path: directory, detail: "cannot create the hooks directory")
        }
    }

    func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isSymlink(path)
    }

    func read(_ path: String) -> String? {
        guard exists(path), let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` to a temporary file, makes it 0755 and renames it over `path`.
    func write(_ text: String, to path: String) throws {
        let temporary = path + ".keyward-tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw GitError.io(path: temporary, detail: "cannot write the hook")
        }
        try makeExecutable(temporary)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw GitError.io(path: path, detail: "cannot install the hook (rename failed)")
        }
    }

    func makeExecutable(_ path: String) throws {
        guard chmod(path, 0o755) == 0 else { throw GitError.io(path: path, detail: "cannot make it executable") }
    }

    func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw GitError.io(path: source, detail: "cannot move it to \(destination)")
        }
    }

    func remove(_ path: String) throws {
        guard unlink(path) == 0 else { throw GitError.io(path: path, detail: "cannot remove it") }
    }

    /// `name`, or `name.1`, `name.2`… : the first that does not exist in the directory.
    func freeName(_ name: String) -> String {
        var candidate = directory + "/" + name
        var counter = 1
        while exists(candidate) {
            candidate = directory + "/" + name + ".\(counter)"
            counter += 1
        }
        return candidate
    }

    private func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
