/// Places the final codeword bit stream in the two-column zigzag of §7.7.3: starting at the
/// bottom-right, moving up then down in two-module-wide columns, skipping function modules
/// and the vertical timing column.
extension ModuleMatrix {
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // column 6 is all timing pattern
            let upward = ((right + 1) & 2) == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for column in 0..<2 {
                    let i = index(right - column, y)
                    guard !isFunction[i] else { continue }
                    // Modules beyond the last codeword are remainder bits: left light (0).
                    if bitIndex < totalBits {
                        modules[i] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 != 0
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
        precondition(bitIndex == totalBits, "codewords do not fill the symbol")
    }
}
