import FuzzSupport
import KeywardScan

/// Rule-pack TOML: parse, and when it yields a few rules, compile them and scan the input with them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulePack(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = String(decoding: input.all, as: UTF8.self)
    guard let rules = try? RuleLoader.rules(fromTOML: text, path: "fuzz.toml"), !rules.isEmpty, rules.count <= 4 else {
        return 0
    }
    if let engine = try? ScanEngine(rules: rules) {
        let result = engine.scan(content: input.all, path: "fuzz.txt")
        for finding in result.findings {
            fuzzCheck(finding.line >= 1 && finding.column >= 1, "finding at \(finding.line):\(finding.column)")
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzRulePack(_:_:)``.
@_cdecl("FuzzRulePack_main")
public func fuzzRulePackMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzRulePack(data, size) }
}
