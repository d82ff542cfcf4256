import Testing
@testable import KeywardKeyID

@Suite struct AWSKeyIDTests {
    @Test(arguments: [
        ("AKIAFAPSPHLSEQBQN35Y", "344642763492"),
        ("ASIAY34FZKBOKMUTVV7A", "609629065308"),
    ])
    func decodesAccount(id: String, account: String) throws {
        let key = try #require(AWSKeyID(id))
        #expect(key.account == account)
    }

    @Test func kinds() throws {
        #expect(try #require(AWSKeyID("AKIAFAPSPHLSEQBQN35Y")).kind == .accessKey)
        #expect(try #require(AWSKeyID("ASIAY34FZKBOKMUTVV7A")).kind == .temporaryAccessKey)
        #expect(try #require(AWSKeyID("AROAY34FZKBOKMUTVV7A")).kind == .other)
        #expect(AWSKeyID("XKIAFAPSPHLSEQBQN35Y") == nil)
        #expect(AWSKeyID("AKIA123") == nil)
    }

    @Test func legacyIDsHaveNoAccount() throws {
        #expect(try #require(AWSKeyID("AKIAIOSFODNN7EXAMPLE")).account == nil)
        #expect(try #require(AWSKeyID("AKIAJZ5ZQL4T3KWRN2KQ")).account == nil)
    }
}
