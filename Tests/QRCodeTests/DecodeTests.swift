import Testing
@testable import QRCode

/// Round trips through a real, independent decoder (zbar): the only test that proves the
/// symbol is a QR Code and not just self-consistent.
@Suite("Decoding with zbarimg")
struct DecodeTests {
    /// Covers versions 1 to 40 at level M, including the version-information range (≥ 7)
    /// and the 16-bit character count (≥ 10).
    static let lengths = [1, 10, 14, 15, 26, 50, 100, 200, 300, 500, 800, 1000, 1500, 2331]

    @Test("random bytes survive the round trip", arguments: lengths)
    func randomPayload(length: Int) throws {
        let bytes = randomBytes(count: length, seed: UInt64(length))
        let code = try QRCode(bytes: bytes)
        #expect(try decodeViaPNG(code, scale: length > 1000 ? 2 : 3) == bytes, "version \(code.version), mask \(code.mask)")
    }

    /// Exactly full, and one byte more (which must move to the next version), at the
    /// boundaries of the 8→16-bit count change and of the version-information start.
    @Test("payloads at a version's capacity and one byte over",
          arguments: [1, 2, 6, 7, 9, 10, 25])
    func capacityBoundaries(version: Int) throws {
        let capacity = QRCode.capacity(version: version, correction: .medium)
        for (length, expected) in [(capacity, version), (capacity + 1, version + 1)] {
            let bytes = randomBytes(count: length, seed: UInt64(1000 + length))
            let code = try QRCode(bytes: bytes)
            #expect(code.version == expected)
            #expect(try decodeViaPNG(code) == bytes, "\(length) bytes in version \(code.version)")
        }
    }

    @Test("every error-correction level decodes", arguments: [ErrorCorrection.low, .medium, .quartile, .high])
    func levels(correction: ErrorCorrection) throws {
        for length in [20, 150, 600] {
            let bytes = randomBytes(count: length, seed: UInt64(7 * length))
            let code = try QRCode(bytes: bytes, correction: correction)
            #expect(try decodeViaPNG(code) == bytes, "\(correction) \(length) bytes, version \(code.version)")
        }
    }

    @Test("UTF-8 Chinese text comes back byte for byte",
          arguments: ["重庆英才·渝快办", "重庆市人力资源和社会保障局 · 英才服务卡 · 有效期至 2030-12-31"])
    func chineseText(text: String) throws {
        let code = try QRCode(text: text)
        #expect(try decodeViaPNG(code) == Array(text.utf8))
    }

    @Test("base64url talent-code tokens", arguments: [150, 180, 200, 229, 250])
    func tokens(length: Int) throws {
        let token = base64URLToken(length: length, seed: UInt64(length))
        let code = try QRCode(text: token)
        #expect(try decodeViaPNG(code, scale: 4) == Array(token.utf8))
    }

    /// Forces each of the eight masks to be exercised: each payload's chosen mask is recorded,
    /// and the set of masks across many payloads must be complete, all decoding correctly.
    @Test("all eight masks occur and decode")
    func allMasks() throws {
        var seen = Set<Int>()
        var seed: UInt64 = 1
        while seen.count < 8 && seed < 400 {
            let bytes = randomBytes(count: 40, seed: seed)
            let code = try QRCode(bytes: bytes)
            if !seen.contains(code.mask) {
                #expect(try decodeViaPNG(code) == bytes, "mask \(code.mask)")
                seen.insert(code.mask)
            }
            seed += 1
        }
        #expect(seen == Set(0..<8))
    }
}
