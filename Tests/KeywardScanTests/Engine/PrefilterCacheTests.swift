import Foundation
import Testing
@testable import KeywardScan

/// The compiled prefilter database is cached on disk; a bad cache is never fatal.
@Suite struct PrefilterCacheTests {
    typealias S = ScanTestSupport

    func engine(cache: URL) throws -> ScanEngine {
        var options = ScanEngine.Options()
        options.prefilterCacheDirectory = cache.path
        return try ScanEngine(rules: RuleLoader.defaultRules(), options: options)
    }

    func cacheFiles(_ directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
    }

    func findsTheKey(_ engine: ScanEngine) -> Bool {
        let text = "aws_access_key_id = \(S.keyID)\naws_secret_access_key = \(S.secret)\n"
        return engine.scan(content: Array(text.utf8), path: "a.env").findings.map(\.ruleID).sorted()
            == ["aws-access-key-id", "aws-secret-access-key"]
    }

    @Test func secondEngineLoadsTheDatabaseWrittenPrivatelyByTheFirst() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache/keyward")
        let first = try engine(cache: cache)
        #expect(!first.prefilter.loadedFromCache)
        let files = try cacheFiles(cache)
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file.lastPathComponent.hasPrefix("prefilter-") && file.pathExtension == "hsdb")
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
        let second = try engine(cache: cache)
        #expect(second.prefilter.loadedFromCache)
        #expect(second.prefilter.patternsOfRule == first.prefilter.patternsOfRule)
        #expect(findsTheKey(second))
    }

    @Test(arguments: ["garbage", "truncated", "flipped", "world-writable", "empty"])
    func aBadCacheFileIsRecompiledNeverFatal(damage: String) throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache")
        _ = try engine(cache: cache)
        let file = try #require(try cacheFiles(cache).first)
        var bytes = try [UInt8](Data(contentsOf: file))
        switch damage {
        case "garbage": bytes = [UInt8](repeating: 0x41, count: 4096)
        case "truncated": bytes = Array(bytes.prefix(bytes.count / 2))
        case "flipped": bytes[bytes.count - 100] ^= 0xFF
        case "empty": bytes = []
        default: break
        }
        try Data(bytes).write(to: file)
        chmod(file.path, damage == "world-writable" ? 0o666 : 0o600)
        let engine = try engine(cache: cache)
        #expect(!engine.prefilter.loadedFromCache)
        #expect(findsTheKey(engine))
    }

    @Test func anUnwritableCacheDirectoryIsNotAnError() throws {
        let root = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let blocker = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let engine = try engine(cache: blocker.appendingPathComponent("keyward"))
        #expect(findsTheKey(engine))
    }

    @Test func defaultDirectoryFollowsXDGThenHome() {
        #expect(PrefilterCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/keyward")
        #expect(PrefilterCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/keyward")
        #expect(PrefilterCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative"]) == nil)
        #expect(PrefilterCache.defaultDirectory(environment: [:]) == nil)
    }

    /// Every rule of the pack gets a Vectorscan pattern (none runs everywhere); rules with a
    /// two-byte keyword are located by their regex in prefilter mode.
    @Test func everyPackRuleIsPrefiltered() throws {
        let rules = RuleLoader.defaultRules()
        let engine = try ScanEngine(rules: rules)
        #expect(engine.prefilter.patternsOfRule.allSatisfy { !$0.isEmpty })
        #expect(engine.prefilter.makeScratch() != nil)
        let byRegex = rules.indices.filter { index in
            engine.prefilter.patternsOfRule[index].contains {
                if case .prefilter = engine.prefilter.patterns[$0] { return true }
                return false
            }
        }.map { rules[$0].id }
        #expect(byRegex.contains("twilio-api-key-sid"))
        #expect(!byRegex.contains("aws-access-key-id"))
    }

    /// A rule located by its regex still finds what its examples hold, across a chunk of text where
    /// its two-byte keyword is everywhere.
    @Test func ruleLocatedByRegexFindsItsKeyAmongManyKeywordHits() throws {
        let noise = String(repeating: "skip the ACME sky; back to basics. ", count: 5000)
        let key = "SK3f9a0c27d1e84b6a95c0e7f2a4d8b1c6"
        let found = try S.scan(noise + "twilio_key = \(key)\n" + noise).findings
        #expect(found.map(\.ruleID) == ["twilio-api-key-sid"])
    }
}
