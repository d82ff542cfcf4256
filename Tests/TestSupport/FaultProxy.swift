import Foundation
import KeywardAWS

/// A fault-injecting HTTP proxy on 127.0.0.1 in front of a moto server (`fixtures/faultproxy/fault_proxy.py`).
///
/// Point keyward's endpoint at `endpoint`; arm faults per Query API action (`CreateAccessKey`…) with
/// ``arm(_:)``. Paths under `/__echo__` it answers itself (``echo(_:)``), for the transport's tests.
/// It runs under the same watchdog as `MotoServer`, so it never outlives the tests.
public final class FaultProxy: Sendable {
    /// One fault for one action.
    public struct Fault: Sendable, Encodable {
        /// The Query API action (`*` for any).
        public var action: String
        /// `drop-after-forward`, `drop-before-forward`, `status-500`, `status-503`, `throttle`, `delay`,
        /// `truncate` or `corrupt` (see the script).
        public var fault: String
        /// How many calls it fires for.
        public var count: Int
        /// Seconds of delay (`delay` only).
        public var delay: Double

        /// Creates a fault.
        public init(action: String, fault: String, count: Int = 1, delay: Double = 0) {
            self.action = action
            self.fault = fault
            self.count = count
            self.delay = delay
        }
    }

    /// One request the proxy saw.
    public struct Seen: Sendable, Decodable, Equatable {
        /// The action.
        public var action: String
        /// The fault that fired for it, if any.
        public var fault: String?
    }

    /// `http://127.0.0.1:PORT` of the proxy.
    public let endpoint: URL
    private let process: Process
    private let logFile: URL

    private init(endpoint: URL, process: Process, logFile: URL) {
        self.endpoint = endpoint
        self.process = process
        self.logFile = logFile
    }

    deinit { stop() }

    /// Starts a proxy forwarding to `upstream` and waits until it accepts connections.
    public static func start(upstream: URL, timeout: TimeInterval = 120) async throws -> FaultProxy {
        guard let python = MotoServer.findExecutable("python3") else {
            throw MotoServerError.didNotStart("python3 is not on PATH (needed for the fault proxy)")
        }
        let script = Fixtures.url("faultproxy/fault_proxy.py").path
        // The proxy binds port 0 itself and prints the port it got: no race with other servers for a port.
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("faultproxy-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", MotoServer.watchdog, python, script, "0", upstream.absoluteString]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("fault_proxy listening on 127.0.0.1:") }),
                let port = Int(line.dropFirst("fault_proxy listening on 127.0.0.1:".count).prefix { $0.isNumber }),
                let endpoint = URL(string: "http://127.0.0.1:\(port)"), MotoServer.canConnect(port: port)
            {
                return FaultProxy(endpoint: endpoint, process: process, logFile: logFile)
            }
            if !process.isRunning {
                throw MotoServerError.didNotStart("fault proxy exited: \(text.suffix(1000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw MotoServerError.didNotStart("fault proxy: no port announced within \(Int(timeout)) s")
    }

    /// `endpoint` + `path`, e.g. `echo("bytes?n=10")`: the proxy's own answers (see the script).
    public func echo(_ path: String = "") -> URL {
        URL(string: endpoint.absoluteString + "/__echo__" + (path.isEmpty ? "" : "/" + path)) ?? endpoint
    }

    /// Starts a proxy for its `/__echo__` routes alone: its upstream, 127.0.0.1 port 9, is never contacted.
    public static func startEchoOnly() async throws -> FaultProxy {
        guard let nowhere = URL(string: "http://127.0.0.1:9") else { throw MotoServerError.didNotStart("bad upstream") }
        return try await start(upstream: nowhere)
    }

    /// Arms faults (added to those still armed).
    public func arm(_ faults: [Fault]) async throws {
        _ = try await control("POST", body: try JSONEncoder().encode(faults))
    }

    /// Disarms every fault and clears the log.
    public func reset() async throws { _ = try await control("DELETE", body: nil) }

    /// The requests seen since the last reset.
    public func seen() async throws -> [Seen] {
        struct Answer: Decodable { var log: [Seen] }
        let data = try await control("GET", body: nil, path: "/__faults__/log")
        return try JSONDecoder().decode(Answer.self, from: data).log
    }

    private func control(_ method: String, body: Data?, path: String = "/__faults__") async throws -> Data {
        let request = HTTPRequest(method: method, url: endpoint.appendingPathComponent(path), body: body ?? Data())
        let response = try await CurlTransport().send(request)
        guard response.status == 200 else {
            throw MotoServerError.didNotStart("fault proxy control \(method) \(path) failed")
        }
        return response.body
    }

    /// Stops the proxy.
    public func stop() {
        process.terminate(grace: 5)
        try? FileManager.default.removeItem(at: logFile)
    }
}
