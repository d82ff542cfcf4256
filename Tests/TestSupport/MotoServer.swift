import Foundation
import KeywardAWS
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real `moto_server` (PyPI `moto[server]`) on 127.0.0.1 and a free port, for integration tests.
///
/// It runs under a small Python watchdog that kills it when `stop()` is called or when the test process
/// dies, so no server outlives the tests. With `noAuthActions: N` the first N calls are not
/// authenticated (enough to bootstrap an operator); every later call must carry a valid SigV4 signature.
public final class MotoServer: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// `http://127.0.0.1:PORT`.
    public let endpoint: URL
    /// Where the server's output goes (kept for failure messages).
    public let logFile: URL
    private let process: Process
    private let stopped = Atomic<Bool>(false)

    private init(port: Int, endpoint: URL, logFile: URL, process: Process) {
        self.port = port
        self.endpoint = endpoint
        self.logFile = logFile
        self.process = process
    }

    deinit { stop() }

    /// Starts a server and waits until it accepts connections; throws `MotoServerError` (never skips).
    public static func start(noAuthActions: Int = 0, timeout: TimeInterval = 180) async throws -> MotoServer {
        try await gated { try await startNow(noAuthActions: noAuthActions, timeout: timeout) }
    }

    /// Runs `body` while holding one of the two start slots: a dozen Python servers booting (and
    /// answering their first calls) at once on two cores take minutes, so the rest wait their turn.
    public static func gated<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await startGate.acquire()
        do {
            let value = try await body()
            await startGate.release()
            return value
        } catch {
            await startGate.release()
            throw error
        }
    }

    static let startGate = AsyncGate(limit: 2)

    static func startNow(noAuthActions: Int, timeout: TimeInterval) async throws -> MotoServer {
        guard let moto = findExecutable("moto_server") else {
            throw MotoServerError.notInstalled
        }
        guard let python = findExecutable("python3") else {
            throw MotoServerError.didNotStart("python3 is not on PATH (needed for the watchdog)")
        }
        let port = try freePort()
        let logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("moto-\(port)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", watchdog, moto, "-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(noAuthActions)
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()

        guard let endpoint = URL(string: "http://127.0.0.1:\(port)") else {
            throw MotoServerError.didNotStart("bad port \(port)")
        }
        let server = MotoServer(port: port, endpoint: endpoint, logFile: logFile, process: process)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning {
                throw MotoServerError.didNotStart("moto_server exited: " + server.logTail())
            }
            if canConnect(port: port) { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw MotoServerError.didNotStart("no answer on port \(port) after \(Int(timeout)) s: " + server.logTail())
    }

    /// Stops the server (and its watchdog); safe to call more than once.
    public func stop() {
        let already = stopped.exchange(true, ordering: .acquiringAndReleasing)
        guard !already else { return }
        process.terminate(grace: 10)
        try? FileManager.default.removeItem(at: logFile)
    }

    /// A configuration pointing every service at this server, region us-east-1.
    public func configuration(credentials: AWSCredentials?) -> AWSConfiguration {
        AWSConfiguration(credentials: credentials, region: "us-east-1", endpointURL: endpoint)
    }

    /// The last lines of the server's output, for failure messages.
    public func logTail(_ bytes: Int = 2000) -> String {
        guard let data = try? Data(contentsOf: logFile) else { return "(no log)" }
        return String(decoding: data.suffix(bytes), as: UTF8.self)
    }

    /// Runs `moto_server ARGS…` in its own session, kills it on SIGTERM/SIGINT or when our parent dies.
    static let watchdog = """
        import os, signal, subprocess, sys, time
        # The test process's threads block most signals and the mask is inherited: clear it, or nothing
        # (the watchdog, then moto_server) would ever see SIGTERM.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        parent = os.getppid()
        child = subprocess.Popen(sys.argv[1:], start_new_session=True)
        def stop(*_):
            try:
                os.killpg(child.pid, signal.SIGTERM)
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            sys.exit(0)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, stop)
        while True:
            if child.poll() is not None:
                sys.exit(child.returncode)
            if os.getppid() != parent:
                stop()
            time.sleep(0.3)
        """

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Why a moto server could not be had.
public enum MotoServerError: Error, CustomStringConvertible {
    /// `moto_server` is not on PATH.
    case notInstalled
    /// It was found but did not come up.
    case didNotStart(String)
    /// No free loopback port could be found.
    case noFreePort(String)

    /// A message that says what to do.
    public var description: String {
        switch self {
        case .notInstalled:
            return "moto_server is not on PATH: the AWS integration tests need it. Install it with "
                + "`python3 -m pip install 'moto[server]'` (`./scripts/install-deps.sh --test`, run by `make test` and .ci/run, does this) and run the tests again."
        case .didNotStart(let why): return "moto_server did not start: \(why)"
        case .noFreePort(let why): return "no free port on 127.0.0.1: \(why)"
        }
    }
}

/// A counting semaphore for async code: at most `limit` holders, the others wait in order.
actor AsyncGate {
    private let limit: Int
    private var holders = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            holders -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
