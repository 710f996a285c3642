import Testing
@testable import QRCode

@Suite("Symbol structure")
struct StructureTests {
    @Test("finders, separators, timing and size", arguments: [1, 7, 40])
    func functionPatterns(version: Int) throws {
        let code = try QRCode(bytes: [UInt8](repeating: 1, count: QRCode.capacity(version: version, correction: .medium)))
        let n = code.size
        #expect(code.version == version && n == 17 + 4 * version)
        for (cx, cy) in [(3, 3), (n - 4, 3), (3, n - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let ring = max(abs(dx), abs(dy))
                    #expect(code[cx + dx, cy + dy] == (ring != 2 && ring != 4), "finder at (\(cx), \(cy))")
                }
            }
        }
        for i in 8..<(n - 8) {
            #expect(code[i, 6] == (i % 2 == 0) && code[6, i] == (i % 2 == 0), "timing \(i)")
        }
    }

    @Test("outside the symbol reads as light")
    func outside() throws {
        let code = try QRCode(text: "x")
        #expect(!code[-1, 0] && !code[0, -1] && !code[code.size, 0] && !code[0, code.size])
        #expect(code[0, 0])
    }

    @Test("text initialiser encodes UTF-8 and is deterministic")
    func text() throws {
        let a = try QRCode(text: "重庆英才·渝快办")
        let b = try QRCode(bytes: Array("重庆英才·渝快办".utf8))
        #expect(a.version == b.version && a.mask == b.mask)
        #expect(a.svg() == b.svg())
        #expect(a.correction == .medium)
    }

    /// Not a benchmark (tests run in debug): a guard against accidental quadratic behaviour.
    @Test("encoding stays fast")
    func speed() throws {
        let payload = randomBytes(count: 200, seed: 1)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<20 { _ = try QRCode(bytes: payload) }
        }
        #expect(elapsed < .seconds(2), "20 encodes of 200 bytes took \(elapsed)")
    }
}
