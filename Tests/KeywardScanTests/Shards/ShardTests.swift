import Testing

@testable import KeywardScan

@Suite("--shard I/N")
struct ShardTests {
    @Test(
        "I/N parses; shards are numbered 1…N",
        arguments: [("1/1", 1, 1), ("2/3", 2, 3), ("3/3", 3, 3), ("10/12", 10, 12)])
    func parses(text: String, index: Int, count: Int) throws {
        let shard = try Shard(parsing: text)
        #expect(shard.index == index)
        #expect(shard.count == count)
        #expect(shard.description == text)
    }

    @Test(
        "bad values are refused with a one-line reason",
        arguments: [
            "0/3", "4/3", "1/0", "0/0", "-1/3", "1/-3", "x/3", "1/3x", "1//3", "/3", "3", "", "1/3/5", " 1/3", "+1/3",
        ])
    func refuses(text: String) {
        #expect(throws: ShardError.self) { try Shard(parsing: text) }
        do {
            _ = try Shard(parsing: text)
        } catch {
            #expect(error.description.hasPrefix("--shard \(text): "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("the bucket is SHA-256 of the path's bytes, the same in every process and on every machine")
    func stableBuckets() {
        // Values computed independently: int.from_bytes(sha256(path)[:8], "big") % N (Python hashlib).
        #expect(Shard.bucket(of: Array("src/app.env".utf8), count: 3) == 0)
        #expect(Shard.bucket(of: Array("a".utf8), count: 3) == 1)
        #expect(Shard.bucket(of: Array("a".utf8), count: 7) == 4)
        #expect(Shard.bucket(of: Array("deploy/prod/.env".utf8), count: 1000) == 673)
        #expect(Shard.bucket(of: Array("4b825dc642cb6eb9a060e54bf8d69288fbee4904".utf8), count: 3) == 2)
    }

    @Test("every path is in exactly one of the N shards", arguments: [1, 2, 3, 5, 16])
    func partition(count: Int) throws {
        let shards = try (1...count).map { try Shard(index: $0, count: count) }
        var perShard = [Int](repeating: 0, count: count)
        for number in 0..<2000 {
            let path = Array("dir\(number % 17)/file-\(number).env".utf8)
            let owners = shards.filter { $0.contains(pathBytes: path) }
            #expect(owners.count == 1)
            if let owner = owners.first { perShard[owner.index - 1] += 1 }
        }
        // Roughly even: no shard gets less than half its fair share of 2000 paths.
        #expect(perShard.allSatisfy { $0 > 1000 / count })
    }

    @Test("a blob id is sharded by its hex, whatever its case")
    func objectIDs() throws {
        let id = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
        let shard = try Shard(index: 3, count: 3)
        #expect(shard.contains(objectID: id))
        #expect(shard.contains(objectID: id.uppercased()))
    }
}
