/// Draws everything that is not data: finder patterns with separators, timing patterns,
/// alignment patterns, the version information, and reserves the format areas (§6.3).
extension ModuleMatrix {
    mutating func drawFunctionPatterns(version: Int) {
        // Timing first: finders and alignment patterns overwrite where they cross it.
        for i in 0..<size {
            setFunction(6, i, dark: i % 2 == 0)
            setFunction(i, 6, dark: i % 2 == 0)
        }

        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)

        let positions = Tables.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // The three corners taken by the finder patterns get no alignment pattern.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centerX: x, centerY: y)
            }
        }

        // Reserve the format areas now (any mask will do) so data placement skips them;
        // the real bits are written once the mask is chosen.
        drawFormatBits(level: .medium, mask: 0)
        if version >= 7 { drawVersionBits(version: version) }
    }

    /// 7×7 finder (dark ring, light ring, dark 3×3 core) plus the light separator around it,
    /// clipped at the symbol edge.
    private mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x, y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// 5×5 alignment pattern: dark border, light ring, dark centre.
    private mutating func drawAlignment(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(centerX + dx, centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Both copies of the 15 format bits, and the always-dark module beside the lower-left finder.
    /// Bit 0 is the least significant bit; positions follow §7.9.1, Figure 25.
    mutating func drawFormatBits(level: ErrorCorrection, mask: Int) {
        let bits = BCHCodes.formatBits(level: level, mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }

        // Around the top-left finder, skipping the timing pattern at row/column 6.
        for i in 0...5 { setFunction(8, i, dark: bit(i)) }
        setFunction(8, 7, dark: bit(6))
        setFunction(8, 8, dark: bit(7))
        setFunction(7, 8, dark: bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, dark: bit(i)) }

        // Split copy: under the top-right finder and beside the bottom-left finder.
        for i in 0..<8 { setFunction(size - 1 - i, 8, dark: bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, dark: bit(i)) }
        setFunction(8, size - 8, dark: true)
    }

    /// Two 6×3 copies of the 18 version bits: left of the top-right finder and above the
    /// bottom-left finder, mirrored across the diagonal (§7.10, Figure 27).
    private mutating func drawVersionBits(version: Int) {
        let bits = BCHCodes.versionBits(version: version)
        for i in 0..<18 {
            let dark = (bits >> i) & 1 != 0
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(a, b, dark: dark)
            setFunction(b, a, dark: dark)
        }
    }
}
