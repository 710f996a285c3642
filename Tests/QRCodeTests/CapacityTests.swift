import Testing
@testable import QRCode

@Suite("Version selection and capacity")
struct CapacityTests {
    /// Byte-mode capacities at level M from ISO/IEC 18004 Table 7.
    static let knownM: [(version: Int, bytes: Int)] = [
        (1, 14), (2, 26), (3, 42), (4, 62), (5, 84), (6, 106), (7, 122), (10, 213),
        (20, 666), (25, 997), (30, 1370), (40, 2331),
    ]

    @Test("published level-M capacities", arguments: knownM.map(\.version))
    func capacityM(version: Int) throws {
        let expected = try #require(Self.knownM.first { $0.version == version }).bytes
        #expect(QRCode.capacity(version: version, correction: .medium) == expected)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: expected)).version == version)
        if version < 40 {
            #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: expected + 1)).version == version + 1)
        }
    }

    @Test("published capacities at the other levels")
    func otherLevels() {
        // Versions 1, 10 and 40 from Table 7.
        #expect([1, 10, 40].map { QRCode.capacity(version: $0, correction: .low) } == [17, 271, 2953])
        #expect([1, 10, 40].map { QRCode.capacity(version: $0, correction: .quartile) } == [11, 151, 1663])
        #expect([1, 10, 40].map { QRCode.capacity(version: $0, correction: .high) } == [7, 119, 1273])
    }

    @Test("data codewords fill the symbol exactly for every version and level")
    func codewordAccounting() {
        for version in 1...40 {
            for level in ErrorCorrection.allCases {
                let blocks = Tables.errorCorrectionBlocks[level.tableIndex][version]
                let ecc = Tables.eccCodewordsPerBlock[level.tableIndex][version]
                let data = Tables.dataCodewords(version: version, level: level)
                #expect(data + blocks * ecc == Tables.rawDataModules(version: version) / 8)
                // Short and long blocks differ by at most one data codeword.
                #expect(data / blocks >= 1)
            }
        }
        // Total codewords per version, Table 1: spot checks.
        #expect(Tables.rawDataModules(version: 1) / 8 == 26)
        #expect(Tables.rawDataModules(version: 7) / 8 == 196)
        #expect(Tables.rawDataModules(version: 40) / 8 == 3706)
        // Remainder bits (Table 1): 7 for versions 2–6, 0 for version 1.
        #expect(Tables.rawDataModules(version: 1) % 8 == 0)
        #expect(Tables.rawDataModules(version: 2) % 8 == 7)
    }

    @Test("too long for version 40 throws dataTooLong with the limit")
    func tooLong() {
        #expect(throws: QRCodeError.dataTooLong(bytes: 2332, max: 2331)) {
            try QRCode(bytes: [UInt8](repeating: 0, count: 2332))
        }
        #expect(throws: QRCodeError.dataTooLong(bytes: 1274, max: 1273)) {
            try QRCode(bytes: [UInt8](repeating: 0, count: 1274), correction: .high)
        }
        #expect((try? QRCode(bytes: [UInt8](repeating: 0, count: 2953), correction: .low))?.version == 40)
    }

    @Test("empty payload is a valid version 1 symbol")
    func empty() throws {
        let code = try QRCode(bytes: [])
        #expect(code.version == 1 && code.size == 21)
    }

    @Test("alignment pattern centres match Annex E", arguments: [
        (2, [6, 18]), (7, [6, 22, 38]), (14, [6, 26, 46, 66]), (32, [6, 34, 60, 86, 112, 138]),
        (36, [6, 24, 50, 76, 102, 128, 154]), (40, [6, 30, 58, 86, 114, 142, 170]),
    ])
    func alignment(version: Int, expected: [Int]) {
        #expect(Tables.alignmentPositions(version: version) == expected)
    }
}
