/// The four mask-evaluation rules of ISO/IEC 18004 §7.8.3 (Table 11). Lower is better.
/// Functions take a plain row-major grid so they can be tested on hand-made matrices.
/// Scoring runs eight times per symbol, so each line is scanned once for rules 1 and 3 together.
enum Penalty {
    static let n1 = 3, n2 = 3, n3 = 40, n4 = 10

    static func score(size: Int, modules: [Bool]) -> Int {
        modules.withUnsafeBufferPointer { grid in
            var total = 0, dark = 0
            for line in 0..<size {
                let row = scan(grid, start: line * size, step: 1, count: size)
                let column = scan(grid, start: line, step: size, count: size)
                total += row.runs + row.finderLike + column.runs + column.finderLike
                dark += row.dark
            }
            return total + blocks(grid, size: size) + balance(dark: dark, size: size)
        }
    }

    /// Rule 1: every run of five or more same-coloured modules in a row or column
    /// scores N1 + (length − 5).
    static func sameColorRuns(size: Int, modules: [Bool]) -> Int {
        modules.withUnsafeBufferPointer { grid in
            (0..<size).reduce(0) {
                $0 + scan(grid, start: $1 * size, step: 1, count: size).runs
                    + scan(grid, start: $1, step: size, count: size).runs
            }
        }
    }

    /// Rule 2: every 2×2 block of one colour scores N2. Overlapping blocks each count,
    /// which is how the standard's m×n block rule is usually applied.
    static func sameColorBlocks(size: Int, modules: [Bool]) -> Int {
        modules.withUnsafeBufferPointer { blocks($0, size: size) }
    }

    /// Rule 3: each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) sequence in a row or
    /// column with four light modules before or after it scores N3, once per occurrence.
    /// Beyond the symbol edge counts as light, as the quiet zone is light in any print.
    static func finderLikePatterns(size: Int, modules: [Bool]) -> Int {
        modules.withUnsafeBufferPointer { grid in
            (0..<size).reduce(0) {
                $0 + scan(grid, start: $1 * size, step: 1, count: size).finderLike
                    + scan(grid, start: $1, step: size, count: size).finderLike
            }
        }
    }

    /// Rule 4: N4 for every full 5 % step the dark proportion is away from 50 %.
    static func darkBalance(size: Int, modules: [Bool]) -> Int {
        balance(dark: modules.reduce(0) { $0 + ($1 ? 1 : 0) }, size: size)
    }

    // MARK: - Implementation

    /// Rules 1 and 3 for one row or column. Rule 3 slides a 15-bit window over the line
    /// with four light modules of padding at each end: 4 before, the 7-module core, 4 after.
    private static func scan(_ grid: UnsafeBufferPointer<Bool>, start: Int, step: Int, count: Int)
        -> (runs: Int, finderLike: Int, dark: Int)
    {
        var runs = 0, finderLike = 0, dark = 0
        var color = grid[start]
        var length = 0
        var window = 0  // starts as four (and more) light modules before the line
        @inline(__always) func check(_ window: Int) -> Int {
            // bits 14…11: before, 10…4: core 1011101, 3…0: after
            guard (window >> 4) & 0x7F == 0b1011101 else { return 0 }
            return (window & 0x7800) == 0 || (window & 0xF) == 0 ? n3 : 0
        }
        var index = start
        for _ in 0..<count {
            let module = grid[index]
            index += step
            dark += module ? 1 : 0
            if module == color {
                length += 1
            } else {
                if length >= 5 { runs += n1 + length - 5 }
                color = module
                length = 1
            }
            window = ((window << 1) | (module ? 1 : 0)) & 0x7FFF
            finderLike += check(window)
        }
        if length >= 5 { runs += n1 + length - 5 }
        for _ in 0..<4 {  // four light modules after the line
            window = (window << 1) & 0x7FFF
            finderLike += check(window)
        }
        return (runs, finderLike, dark)
    }

    private static func blocks(_ grid: UnsafeBufferPointer<Bool>, size: Int) -> Int {
        guard size >= 2 else { return 0 }
        var total = 0
        for y in 0..<(size - 1) {
            let top = y * size, bottom = top + size
            for x in 0..<(size - 1) {
                let color = grid[top + x]
                if grid[top + x + 1] == color && grid[bottom + x] == color && grid[bottom + x + 1] == color {
                    total += n2
                }
            }
        }
        return total
    }

    private static func balance(dark: Int, size: Int) -> Int {
        let total = size * size
        guard total > 0 else { return 0 }
        // |dark/total − 1/2| / 5 %  ==  |20·dark − 10·total| / total, floored.
        return abs(dark * 20 - total * 10) / total * n4
    }
}
