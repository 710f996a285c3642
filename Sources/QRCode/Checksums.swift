/// The two checksums PNG needs: CRC-32 over each chunk (ISO 3309 / ITU-T V.42, as in
/// PNG spec §5.5) and Adler-32 closing the zlib stream (RFC 1950 §8).
enum Checksums {
    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// Running form: pass the previous result as `crc` to continue across buffers.
    static func crc32<S: Sequence<UInt8>>(_ bytes: S, crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65521
        var a: UInt32 = 1, b: UInt32 = 0
        // 5552 is the longest run before b can overflow 32 bits, so reduce once per chunk.
        var start = 0
        while start < bytes.count {
            let end = min(start + 5552, bytes.count)
            for i in start..<end {
                a &+= UInt32(bytes[i])
                b &+= a
            }
            a %= modulus
            b %= modulus
            start = end
        }
        return b << 16 | a
    }
}
