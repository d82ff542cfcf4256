import FuzzSupport
import KeywardScan

let pack = RuleLoader.defaultRules()

/// `.keyward.toml`: parse, apply to the built-in pack, compile its allowlist.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let config = try? KeywardConfig.parse(String(decoding: input.all, as: UTF8.self), path: ".keyward.toml") else {
        return 0
    }
    let rules = config.apply(to: pack)
    fuzzCheck(rules.allSatisfy { !config.disabledRules.contains($0.id) }, "a disabled rule survived")
    _ = try? ScanEngine(rules: config.rules.count <= 4 ? config.rules : [], allowlist: config.allowlist)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzConfig(_:_:)``.
@_cdecl("FuzzConfig_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzConfig(data, size) }
}
