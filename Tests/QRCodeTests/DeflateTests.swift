import Testing
@testable import QRCode

@Suite("Deflate, zlib and checksums")
struct DeflateTests {
    @Test("CRC-32 and Adler-32 check values")
    func checksums() {
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.crc32([]) == 0)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksums.adler32([]) == 1)
        // Long input exercises the chunked modulo reduction.
        let big = [UInt8](repeating: 0xFF, count: 100_000)
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in big { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        #expect(Checksums.adler32(big) == b << 16 | a)
    }

    /// Inputs chosen to hit every part of the encoder: literals only, maximal-length matches,
    /// distance 1 runs, far matches near the 32 KiB window, and the empty stream.
    @Test("round trips through the system gzip", arguments: ["empty", "random", "runs", "repeated", "far", "text"])
    func roundTrip(kind: String) throws {
        let input: [UInt8] = switch kind {
        case "empty": []
        case "random": randomBytes(count: 50_000, seed: 42)
        case "runs": (0..<40_000).map { UInt8(($0 / 300) % 3) }
        case "repeated": Array((0..<200).map { _ in randomBytes(count: 93, seed: 7) }.joined())
        case "far": { let block = randomBytes(count: 32_000, seed: 3); return block + block + block }()
        default: Array(String(repeating: "重庆英才·渝快办 talent code ", count: 500).utf8)
        }
        let compressed = Deflate.compress(input)
        #expect(try ExternalTools.gunzip(gzip(deflate: compressed, original: input)) == input)
        switch kind {
        case "runs", "repeated": #expect(compressed.count < input.count / 20)
        // Only the first 32 000 random bytes are literals; the two copies become matches.
        case "far": #expect(compressed.count < 32_000 * 9 / 8 + 2_000)
        default: break
        }
    }
}
