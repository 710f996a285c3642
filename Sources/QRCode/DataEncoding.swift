/// Builds the data codeword sequence for a single byte-mode segment (ISO/IEC 18004 §7.4).
enum DataEncoding {
    /// Mode indicator for 8-bit byte mode.
    static let byteMode = 0b0100

    /// The smallest version whose capacity at `level` holds `byteCount` bytes.
    static func smallestVersion(byteCount: Int, level: ErrorCorrection) -> Int? {
        Tables.versions.first { Tables.byteCapacity(version: $0, level: level) >= byteCount }
    }

    /// Mode + count + payload, then terminator, bit padding and the alternating pad bytes
    /// 0xEC 0x11 until every data codeword of the version is used.
    static func codewords(for bytes: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let capacityBits = Tables.dataCodewords(version: version, level: level) * 8
        var bits = BitBuffer(capacity: capacityBits / 8)
        bits.append(byteMode, count: 4)
        bits.append(bytes.count, count: Tables.characterCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        precondition(bits.count <= capacityBits, "version chosen too small")

        // Terminator: up to four zero bits, fewer if the symbol is full.
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad: UInt8 = 0xEC
        while bits.count < capacityBits {
            bits.append(Int(pad), count: 8)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bits.bytes
    }
}

/// Big-endian bit accumulator: QR streams are defined most significant bit first.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ value: Int, count width: Int) {
        precondition(width >= 0 && width <= 31 && value >> width == 0)
        for shift in stride(from: width - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 != 0 { bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
