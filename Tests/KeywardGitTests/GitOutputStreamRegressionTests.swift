import KeywardGit
import Testing

/// Inputs the fuzzers found (fixtures/fuzz/FuzzGitParsers/regression-*), kept as tests.
@Suite("git output stream: fuzz regressions")
struct GitOutputStreamRegressionTests {
    @Test("a huge announced size is a short read, not a huge allocation")
    func hugeCount() throws {
        let stream = GitOutputStream(bytes: Array("0123456789".utf8))
        #expect(try stream.read(count: 0x470d_e4df_8200_20) == nil)
    }

    @Test("a negative size is a short read")
    func negativeCount() throws {
        let stream = GitOutputStream(bytes: Array("0123456789".utf8))
        #expect(try stream.read(count: -5) == nil)
        #expect(try stream.read(count: 3) == Array("012".utf8))
    }

    @Test("a read past the direct limit still returns every byte")
    func largeRead() throws {
        let bytes = (0..<(17 << 20)).map { UInt8(truncatingIfNeeded: $0) }
        let stream = GitOutputStream(bytes: bytes + [0x0A])
        #expect(try stream.read(count: bytes.count) == bytes)
        #expect(try stream.read(count: 1) == [0x0A])
    }
}
