import Foundation
import KeywardAWS
import Testing

/// A moto server and its bootstrapped operator, shared by the tests of one suite.
public struct MotoContext: Sendable {
    /// The running server.
    public let server: MotoServer
    /// Credentials of a user allowed everything.
    public let operatorCredentials: AWSCredentials

    /// A configuration pointing at the server with the operator's credentials.
    public var configuration: AWSConfiguration { server.configuration(credentials: operatorCredentials) }

    /// The server's context for the running suite (set by the `.motoServer` trait).
    @TaskLocal public static var current: MotoContext?
}

/// Suite trait: starts one moto server for the whole suite, bootstraps an operator, stops it afterwards.
///
/// Use `@Suite(.motoServer)` and, in a test, `let moto = try #require(MotoContext.current)`.
/// A missing `moto_server` fails the suite with an install hint; it is never skipped.
public struct MotoSuiteTrait: SuiteTrait, TestScoping {
    /// Once for the suite, not once per test.
    public var isRecursive: Bool { false }

    /// Runs the suite with a server in `MotoContext.current`.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        if MotoContext.current != nil {
            try await function()
            return
        }
        // Start and bootstrap inside one start slot (moto's first answers are its slowest).
        let (server, credentials) = try await MotoServer.gated {
            let server = try await MotoServer.startNow(noAuthActions: 3, timeout: 180)
            do {
                return (server, try await server.bootstrapOperator())
            } catch {
                server.stop()
                throw error
            }
        }
        defer { server.stop() }
        try await MotoContext.$current.withValue(MotoContext(server: server, operatorCredentials: credentials)) {
            try await function()
        }
    }
}

extension Trait where Self == MotoSuiteTrait {
    /// One moto server (with an operator) for the suite.
    public static var motoServer: MotoSuiteTrait { MotoSuiteTrait() }
}
