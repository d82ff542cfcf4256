import Foundation
import KeywardAWS
import TestSupport
import Testing

/// AWS's published SigV4 vectors (fixtures/sigv4/v4, header signing), every case.
@Suite struct SigV4SuiteTests {
    static let caseNames: [String] = {
        let folder = Fixtures.url("sigv4/v4")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted()
    }()

    @Test func suiteIsPresent() {
        #expect(Self.caseNames.count >= 30)
        for required in [
            "get-vanilla", "get-vanilla-query-order-key-case", "get-header-value-trim", "get-header-key-duplicate",
            "get-utf8", "get-vanilla-utf8-query", "get-vanilla-with-session-token", "post-x-www-form-urlencoded",
        ] {
            #expect(Self.caseNames.contains(required), "missing vector \(required)")
        }
    }

    @Test(arguments: caseNames)
    func vector(_ name: String) throws {
        let vector = try SigV4Vector(name: name)
        let result = vector.signer.signature(
            method: vector.method, path: vector.path, query: vector.query, headers: vector.headers,
            body: vector.body, date: vector.date)
        #expect(result.canonicalRequest == vector.expectedCanonicalRequest)
        #expect(result.stringToSign == vector.expectedStringToSign)
        #expect(result.signature == vector.expectedSignature)
        #expect(result.authorization == vector.expectedAuthorization)
        for (header, value) in vector.expectedAddedHeaders {
            let added = result.headers.first { $0.name.lowercased() == header }?.value
            #expect(added == value, "header \(header)")
        }
    }
}
