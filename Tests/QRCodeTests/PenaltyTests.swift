import Testing
@testable import QRCode

/// Hand-made matrices with penalties counted by hand from ISO/IEC 18004 §7.8.3, Table 11.
@Suite("Mask penalty rules")
struct PenaltyTests {
    /// Builds a row-major grid from strings of "#" (dark) and "." (light).
    func grid(_ rows: [String]) -> (size: Int, modules: [Bool]) {
        precondition(rows.allSatisfy { $0.count == rows.count }, "grid must be square")
        return (rows.count, rows.flatMap { $0.map { $0 == "#" } })
    }

    @Test("all-light 5×5: every rule that can fire, fires")
    func allLight() {
        let g = grid(Array(repeating: ".....", count: 5))
        #expect(Penalty.sameColorRuns(size: g.size, modules: g.modules) == 30)    // 10 lines × (3 + 0)
        #expect(Penalty.sameColorBlocks(size: g.size, modules: g.modules) == 48)  // 16 blocks × 3
        #expect(Penalty.finderLikePatterns(size: g.size, modules: g.modules) == 0)
        #expect(Penalty.darkBalance(size: g.size, modules: g.modules) == 100)     // 0 %: 10 steps × 10
        #expect(Penalty.score(size: g.size, modules: g.modules) == 178)
    }

    @Test("rule 1: a run of six scores 3 + 1; alternating lines score nothing")
    func runs() {
        let g = grid(["######",
                      ".#.#.#",
                      "#.#.#.",
                      ".#.#.#",
                      "#.#.#.",
                      ".#.#.#"])
        #expect(Penalty.sameColorRuns(size: g.size, modules: g.modules) == 4)
        #expect(Penalty.sameColorBlocks(size: g.size, modules: g.modules) == 0)
    }

    @Test("rule 1: run lengths 5 and 7 in one row and one column")
    func runLengths() {
        let g = grid(["#######",
                      "#.#.#.#",
                      "#.#.#..",
                      "#......",
                      "#.#.#..",
                      "..#.#.#",
                      "#.#.#.#"])
        // Rows: row 0 dark run 7 → 3 + 2; row 3 light run 6 → 3 + 1; others alternate → 9.
        // Columns: column 0 dark run 5 → 3; columns 1, 3, 5 light runs 6 (rows 1–6) → 4 each;
        // columns 2, 4 runs 3,1,3 and column 6 runs 2,3,2 → 0. Total 9 + 15.
        #expect(Penalty.sameColorRuns(size: g.size, modules: g.modules) == 24)
    }

    @Test("rule 2: overlapping 2×2 blocks each count")
    func blocks() {
        let dark = grid(["###", "###", "###"])
        #expect(Penalty.sameColorBlocks(size: dark.size, modules: dark.modules) == 12)
        let ring = grid(["###", "#.#", "###"])
        #expect(Penalty.sameColorBlocks(size: ring.size, modules: ring.modules) == 0)
    }

    @Test("rule 3: 1:1:3:1:1 with four light modules on one side, edge counted as light")
    func finderLike() {
        var rows = Array(repeating: "...........", count: 11)
        rows[5] = "....#.###.#"
        var g = grid(rows)
        #expect(Penalty.finderLikePatterns(size: g.size, modules: g.modules) == 40)

        // Dark module within four on both sides: no penalty.
        rows = Array(repeating: "...............", count: 15)
        rows[7] = "...##.###.##..."
        g = grid(rows)
        #expect(Penalty.finderLikePatterns(size: g.size, modules: g.modules) == 0)

        // The same shape vertically, light above: counts once, in its column.
        rows = Array(repeating: "...............", count: 15)
        for (row, module) in Array("....#.###.#....").enumerated() where module == "#" {
            var chars = Array(rows[row]); chars[3] = "#"; rows[row] = String(chars)
        }
        g = grid(rows)
        #expect(Penalty.finderLikePatterns(size: g.size, modules: g.modules) == 40)
    }

    @Test("rule 4: 10 points per full 5 % away from half dark", arguments: [
        (50, 0), (54, 0), (45, 10), (56, 10), (60, 20), (100, 100),
    ])
    func balance(dark: Int, expected: Int) {
        let modules = (0..<100).map { $0 < dark }
        #expect(Penalty.darkBalance(size: 10, modules: modules) == expected)
    }

    /// The encoder must keep the mask with the lowest total: recompute all eight and compare.
    @Test("the chosen mask has the minimum penalty", arguments: [3, 60, 250])
    func chosenMaskIsMinimal(length: Int) throws {
        let bytes = randomBytes(count: length, seed: UInt64(length))
        let code = try QRCode(bytes: bytes)
        let version = code.version
        var base = ModuleMatrix(size: code.size)
        base.drawFunctionPatterns(version: version)
        let data = DataEncoding.codewords(for: bytes, version: version, level: .medium)
        base.placeCodewords(Interleaving.finalCodewords(data: data, version: version, level: .medium))
        let scores = (0..<8).map { mask in
            var candidate = base
            candidate.applyMask(mask)
            candidate.drawFormatBits(level: .medium, mask: mask)
            return Penalty.score(size: candidate.size, modules: candidate.modules)
        }
        #expect(scores[code.mask] == scores.min())
        #expect(scores.firstIndex(of: scores.min()!) == code.mask)
    }
}
