import KeywardScan
import Testing

/// Found by the FuzzRulePack fuzzer: an engine that had scanned was never freed (its pooled workers
/// held it strongly), so every engine a library user built leaked its tables.
@Suite("engine lifetime")
struct EngineLifetimeTests {
    @Test("an engine that has scanned is freed once its last user lets go")
    func engineIsFreed() throws {
        weak var released: ScanEngine?
        do {
            let engine = try ScanEngine(rules: RuleLoader.defaultRules())
            _ = engine.scan(content: Array("AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\n".utf8), path: "a.env")
            released = engine
            #expect(released != nil)
        }
        #expect(released == nil, "the engine leaked")
    }
}
