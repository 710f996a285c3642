/// Systematic Reed–Solomon encoding as QR uses it: the ECC codewords are the remainder of
/// data(x)·x^n divided by the generator g(x) = (x − α⁰)(x − α¹)…(x − α^(n−1)).
enum ReedSolomon {
    /// Coefficients of g(x), highest power first, with the leading 1 left out
    /// (it is implicit in the division below).
    static func generator(degree: Int) -> [UInt8] {
        precondition((1...255).contains(degree))
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            // Multiply by (x + αⁱ); in characteristic 2 subtraction is addition (XOR).
            let root = GaloisField.exp[i]
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (k, coefficient) in poly.enumerated() {
                next[k] ^= coefficient
                next[k + 1] ^= GaloisField.multiply(coefficient, root)
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    /// ECC codewords for one block: polynomial long division, keeping only the remainder.
    static func remainder<C: Collection<UInt8>>(of data: C, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        // Work in log space: log of each generator coefficient is fixed for the whole block.
        let log = GaloisField.log, exp = GaloisField.exp  // one lazy-global check, not one per lookup
        let generatorLogs = generator.map { $0 == 0 ? -1 : log[Int($0)] }
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            // Shift the remainder one place (multiply by x) …
            for j in 0..<(degree - 1) { remainder[j] = remainder[j + 1] }
            remainder[degree - 1] = 0
            // … and subtract factor·g(x).
            guard factor != 0 else { continue }
            let factorLog = log[Int(factor)]
            for j in 0..<degree where generatorLogs[j] >= 0 {
                remainder[j] ^= exp[generatorLogs[j] + factorLog]
            }
        }
        return remainder
    }
}
