extension QRCode {
    /// A 1-bit greyscale PNG, `scale` pixels per module, with a light quiet zone of
    /// `quietZone` modules. Written without any image library: IHDR + one IDAT (zlib
    /// stream with fixed-Huffman deflate) + IEND.
    public func png(scale: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let scale = max(1, scale)
        let quiet = max(0, quietZone)
        let width = (size + 2 * quiet) * scale
        let rowBytes = (width + 7) / 8

        // Scanlines: filter byte 0 (None) then packed pixels, most significant bit first.
        // In 1-bit greyscale a set bit is white, so start white and clear the dark modules.
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * width)
        var line = [UInt8](repeating: 0, count: rowBytes + 1)
        for moduleY in -quiet..<(size + quiet) {
            for i in 1...rowBytes { line[i] = 0xFF }
            // Padding bits past the image width are ignored by decoders; leaving them white is fine.
            for moduleX in 0..<size where self[moduleX, moduleY] {
                let firstPixel = (moduleX + quiet) * scale
                for pixel in firstPixel..<(firstPixel + scale) {
                    line[1 + (pixel >> 3)] &= ~(0x80 >> UInt8(pixel & 7))
                }
            }
            for _ in 0..<scale { raw += line }
        }

        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(width))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, adaptive filtering, no interlace

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", Zlib.compress(raw))
        png.appendChunk("IEND", [])
        return png
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }

    /// Length, type, data, then CRC-32 over type and data (PNG spec §5.3).
    mutating func appendChunk(_ type: String, _ data: [UInt8]) {
        let typeBytes = Array(type.utf8)
        appendBigEndian(UInt32(data.count))
        self += typeBytes
        self += data
        appendBigEndian(Checksums.crc32(data, crc: Checksums.crc32(typeBytes)))
    }
}
