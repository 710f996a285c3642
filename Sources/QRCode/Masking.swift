/// The eight data mask patterns of §7.8.2 (Table 10), with i = row (y) and j = column (x).
/// A mask flips the data modules where its condition holds, to break up large blocks and
/// finder-like shapes; function patterns are left alone.
enum Masking {
    @inline(__always)
    static func flips(mask: Int, x j: Int, y i: Int) -> Bool {
        switch mask {
        case 0: return (i + j) % 2 == 0
        case 1: return i % 2 == 0
        case 2: return j % 3 == 0
        case 3: return (i + j) % 3 == 0
        case 4: return (i / 2 + j / 3) % 2 == 0
        case 5: return (i * j) % 2 + (i * j) % 3 == 0
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0
        default: preconditionFailure("mask must be 0...7")
        }
    }
}

extension ModuleMatrix {
    /// XOR the mask into every non-function module. Applying it twice restores the original.
    mutating func applyMask(_ mask: Int) {
        let size = size
        isFunction.withUnsafeBufferPointer { function in
            modules.withUnsafeMutableBufferPointer { modules in
                for y in 0..<size {
                    for x in 0..<size where !function[y * size + x] && Masking.flips(mask: mask, x: x, y: y) {
                        modules[y * size + x].toggle()
                    }
                }
            }
        }
    }

    /// Tries all eight masks (with their format bits drawn, since those count too) and keeps
    /// the one with the lowest penalty score; ties go to the lower mask number.
    mutating func applyBestMask(level: ErrorCorrection) -> Int {
        var bestMask = 0
        var bestScore = Int.max
        for mask in 0..<8 {
            var candidate = self
            candidate.applyMask(mask)
            candidate.drawFormatBits(level: level, mask: mask)
            let score = Penalty.score(size: size, modules: candidate.modules)
            if score < bestScore {
                bestScore = score
                bestMask = mask
            }
        }
        applyMask(bestMask)
        drawFormatBits(level: level, mask: bestMask)
        return bestMask
    }
}
