/// The two small BCH-protected fields of ISO/IEC 18004 §7.9 and §7.10.
enum BCHCodes {
    /// 15-bit format information: 2 level bits + 3 mask bits, a (15,5) BCH code with
    /// generator 0x537, then XOR 0x5412 so that no valid value is all zeros.
    static func formatBits(level: ErrorCorrection, mask: Int) -> Int {
        precondition((0...7).contains(mask))
        let data = level.formatBits << 3 | mask
        return (data << 10 | remainder(data, degree: 10, generator: 0x537)) ^ 0x5412
    }

    /// 18-bit version information for versions 7–40: 6 version bits and a (18,6) Golay code
    /// with generator 0x1F25. Not masked.
    static func versionBits(version: Int) -> Int {
        precondition((7...40).contains(version))
        return version << 12 | remainder(version, degree: 12, generator: 0x1F25)
    }

    /// Remainder of value·x^degree divided by `generator` (which has degree `degree`).
    private static func remainder(_ value: Int, degree: Int, generator: Int) -> Int {
        var rem = value
        for _ in 0..<degree {
            rem = (rem << 1) ^ ((rem >> (degree - 1)) & 1 == 1 ? generator : 0)
        }
        return rem & ((1 << degree) - 1)
    }
}
