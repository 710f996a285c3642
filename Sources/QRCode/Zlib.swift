/// zlib container (RFC 1950) around a deflate stream: 2-byte header, data, Adler-32.
enum Zlib {
    static func compress(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: deflate with a 32 KiB window. FLG 0x9C: "default" level, no dictionary,
        // and chosen so that CMF·256 + FLG is a multiple of 31 as the format requires.
        var out: [UInt8] = [0x78, 0x9C]
        out += Deflate.compress(data)
        out.appendBigEndian(Checksums.adler32(data))
        return out
    }
}
