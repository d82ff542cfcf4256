import FuzzSupport
import KeywardScan

let engine = try? ScanEngine(rules: RuleLoader.defaultRules())
let paths = ["fuzz.txt", ".env", "config.json", "id_rsa", "app.py", "credentials"]

/// The scan engine with the built-in pack on arbitrary bytes: findings stay inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let path = paths[Int(input.byte()) % paths.count]
    let content = input.rest
    guard let engine else { return 0 }
    let result = engine.scan(content: content, path: path)
    let lines = content.filter { $0 == 0x0A }.count + 1
    for finding in result.findings {
        fuzzCheck(finding.line >= 1 && finding.line <= lines, "line \(finding.line) of \(lines)")
        fuzzCheck(finding.endLine >= finding.line && finding.endLine <= lines, "end line \(finding.endLine)")
        fuzzCheck(finding.column >= 1 && !finding.secret.isEmpty, "column \(finding.column)")
        fuzzCheck(finding.path == path, "path \(finding.path)")
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver over ``fuzzEngine(_:_:)``.
@_cdecl("FuzzEngine_main")
public func fuzzEngineMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keyward_fuzz_main(argc, argv) { data, size in fuzzEngine(data, size) }
}
