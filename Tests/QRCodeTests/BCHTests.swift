import Testing
@testable import QRCode

@Suite("Format and version information")
struct BCHTests {
    /// ISO/IEC 18004 Annex C, Table C.1: all 32 format information strings after masking.
    static let formatTable: [ErrorCorrection: [Int]] = [
        .low: [0b111011111000100, 0b111001011110011, 0b111110110101010, 0b111100010011101,
               0b110011000101111, 0b110001100011000, 0b110110001000001, 0b110100101110110],
        .medium: [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                  0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000],
        .quartile: [0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
                    0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101],
        .high: [0b001011010001001, 0b001001110111110, 0b001110011100111, 0b001100111010000,
                0b000011101100010, 0b000001001010101, 0b000110100001100, 0b000100000111011],
    ]

    @Test("format bits match Annex C for every level and mask", arguments: ErrorCorrection.allCases)
    func formatBits(level: ErrorCorrection) throws {
        let expected = try #require(Self.formatTable[level])
        #expect((0..<8).map { BCHCodes.formatBits(level: level, mask: $0) } == expected)
    }

    /// Annex D, Table D.1.
    static let versionTable: [Int] = [
        0x07C94, 0x085BC, 0x09A99, 0x0A4D3, 0x0BBF6, 0x0C762, 0x0D847, 0x0E60D, 0x0F928, 0x10B78,
        0x1145D, 0x12A17, 0x13532, 0x149A6, 0x15683, 0x168C9, 0x177EC, 0x18EC4, 0x191E1, 0x1AFAB,
        0x1B08E, 0x1CC1A, 0x1D33F, 0x1ED75, 0x1F250, 0x209D5, 0x216F0, 0x228BA, 0x2379F, 0x24B0B,
        0x2542E, 0x26A64, 0x27541, 0x28C69,
    ]

    @Test("version bits match Annex D for versions 7–40")
    func versionBits() {
        #expect(BCHCodes.versionBits(version: 7) == 0x07C94)
        #expect((7...40).map { BCHCodes.versionBits(version: $0) } == Self.versionTable)
    }

    /// The drawn format bits, read back from both copies in the symbol, equal the table value
    /// for the level and mask the encoder reports.
    @Test("format information drawn in both places", arguments: ErrorCorrection.allCases)
    func drawnFormat(level: ErrorCorrection) throws {
        let code = try QRCode(text: "format check", correction: level)
        let expected = try #require(Self.formatTable[level])[code.mask]
        var first = 0, second = 0
        let n = code.size
        let firstPositions = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        let secondPositions = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
        for (bit, (x, y)) in firstPositions.enumerated() where code[x, y] { first |= 1 << bit }
        for (bit, (x, y)) in secondPositions.enumerated() where code[x, y] { second |= 1 << bit }
        #expect(first == expected && second == expected)
        #expect(code[8, n - 8], "dark module")
    }

    @Test("version information drawn in both blocks", arguments: [7, 21, 40])
    func drawnVersion(version: Int) throws {
        let bytes = [UInt8](repeating: 0x5A, count: QRCode.capacity(version: version, correction: .medium))
        let code = try QRCode(bytes: bytes)
        try #require(code.version == version)
        var topRight = 0, bottomLeft = 0
        for bit in 0..<18 {
            let a = code.size - 11 + bit % 3, b = bit / 3
            if code[a, b] { topRight |= 1 << bit }
            if code[b, a] { bottomLeft |= 1 << bit }
        }
        #expect(topRight == Self.versionTable[version - 7] && bottomLeft == topRight)
    }
}
