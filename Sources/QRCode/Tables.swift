/// Per-version constants from ISO/IEC 18004 (Table 9) and the formulas that replace the other tables.
enum Tables {
    /// Error-correction codewords in each block, indexed `[level.tableIndex][version]`; index 0 unused.
    static let eccCodewordsPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Number of Reed–Solomon blocks, indexed `[level.tableIndex][version]`; index 0 unused.
    static let errorCorrectionBlocks: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    static let versions = 1...40

    static func size(version: Int) -> Int { version * 4 + 17 }

    /// Modules left for codewords (data + ECC + remainder bits) once every function pattern
    /// is placed. Computed rather than tabulated: all terms are areas of the fixed patterns.
    static func rawDataModules(version v: Int) -> Int {
        // Whole symbol minus three finders with separators and format areas, minus timing rows.
        var result = (16 * v + 128) * v + 64
        if v >= 2 {
            let alignments = v / 7 + 2
            // Alignment patterns (25 modules each), less their overlap with the timing patterns.
            result -= (25 * alignments - 10) * alignments - 55
            if v >= 7 { result -= 36 }  // two 6×3 version-information blocks
        }
        return result
    }

    static func dataCodewords(version: Int, level: ErrorCorrection) -> Int {
        rawDataModules(version: version) / 8
            - eccCodewordsPerBlock[level.tableIndex][version] * errorCorrectionBlocks[level.tableIndex][version]
    }

    /// Width of the byte-mode character count indicator: 8 bits up to version 9, 16 after.
    static func characterCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Payload bytes that fit in byte mode: data bits less the 4-bit mode indicator and the count.
    static func byteCapacity(version: Int, level: ErrorCorrection) -> Int {
        (dataCodewords(version: version, level: level) * 8 - 4 - characterCountBits(version: version)) / 8
    }

    /// Centre coordinates of the alignment patterns (both axes use the same list). The standard's
    /// Annex E table follows this rule: evenly spaced from the far edge toward 6, with an even step;
    /// version 32 is the one exception where the formula's rounding differs from the table.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var positions = [Int](repeating: 6, count: count)
        var position = size(version: version) - 7
        for index in stride(from: count - 1, through: 1, by: -1) {
            positions[index] = position
            position -= step
        }
        return positions
    }
}
