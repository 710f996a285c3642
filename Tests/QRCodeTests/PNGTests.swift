import Testing
@testable import QRCode

@Suite("PNG output")
struct PNGTests {
    @Test("signature, IHDR and chunk CRCs")
    func structure() throws {
        let code = try QRCode(text: "Yingcai")
        let png = code.png(scale: 5, quietZone: 4)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        var offset = 8
        var types: [String] = []
        while offset < png.count {
            let length = Int(readUInt32(png, at: offset))
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(png[(offset + 8)..<(offset + 8 + length)])
            let storedCRC = readUInt32(png, at: offset + 8 + length)
            #expect(storedCRC == Checksums.crc32(Array(type.utf8) + body), "CRC of \(type)")
            if type == "IHDR" {
                let side = UInt32((code.size + 8) * 5)
                #expect(readUInt32(body, at: 0) == side && readUInt32(body, at: 4) == side)
                #expect(Array(body[8...]) == [1, 0, 0, 0, 0])
            }
            types.append(type)
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(offset == png.count)
    }

    /// The IDAT stream inflates (with the system gzip, an independent inflater) to exactly the
    /// scanlines expected from the module grid, and its Adler-32 trailer matches them.
    @Test("pixels: quiet zone white, modules scaled, filter bytes zero")
    func pixels() throws {
        let code = try QRCode(bytes: randomBytes(count: 30, seed: 9))
        let scale = 3, quiet = 2
        let width = (code.size + 2 * quiet) * scale
        let rowBytes = (width + 7) / 8
        var expected = [UInt8]()
        for py in 0..<width {
            expected.append(0)  // filter type None
            var row = [UInt8](repeating: 0, count: rowBytes)
            for px in 0..<(rowBytes * 8) where px >= width || !code[px / scale - quiet, py / scale - quiet] {
                row[px / 8] |= 0x80 >> UInt8(px % 8)  // 1 = white; padding bits white too
            }
            expected += row
        }

        let png = code.png(scale: scale, quietZone: quiet)
        let idatStart = 8 + 12 + 13  // signature, then the IHDR chunk
        #expect(String(decoding: png[(idatStart + 4)..<(idatStart + 8)], as: UTF8.self) == "IDAT")
        let idatLength = Int(readUInt32(png, at: idatStart))
        let zlib = Array(png[(idatStart + 8)..<(idatStart + 8 + idatLength)])
        #expect(zlib[0] == 0x78 && (Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0)
        #expect(readUInt32(zlib, at: zlib.count - 4) == Checksums.adler32(expected))
        let deflate = Array(zlib[2..<(zlib.count - 4)])
        #expect(try ExternalTools.gunzip(gzip(deflate: deflate, original: expected)) == expected)
        #expect(zlib.count < expected.count / 3, "compression should exploit repeated rows")
    }
}

/// Wraps a raw deflate stream in a gzip member (RFC 1952) so `gzip -dc` can check it; the
/// trailer's CRC-32 and size refer to `original`, so gzip fails unless the stream inflates to it.
func gzip(deflate: [UInt8], original: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
    out += deflate
    for value in [Checksums.crc32(original), UInt32(truncatingIfNeeded: original.count)] {
        out += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
    return out
}

func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
}
