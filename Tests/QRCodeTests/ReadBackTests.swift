import Testing
@testable import QRCode

/// zbar corrects errors, so a decoder round trip alone would hide an encoder that gets a few
/// modules wrong. This reads the finished symbol back the way a decoder does — unmask, walk
/// the zigzag, de-interleave — and demands zero errors in every block and an exact bit stream.
@Suite("Read-back without error correction")
struct ReadBackTests {
    @Test("every block has zero syndromes and the data stream is exact", arguments: [
        (0, ErrorCorrection.medium), (14, .medium), (100, .low), (222, .quartile), (500, .high),
        (1000, .medium), (2331, .medium), (2953, .low),
    ])
    func readBack(length: Int, level: ErrorCorrection) throws {
        let payload = randomBytes(count: length, seed: UInt64(length) &+ 99)
        let code = try QRCode(bytes: payload, correction: level)
        let version = code.version, n = code.size

        var functions = ModuleMatrix(size: n)
        functions.drawFunctionPatterns(version: version)

        // Zigzag: column pairs from the right, skipping the timing column, alternating up/down.
        var bits: [Bool] = []
        var upward = true
        var column = n - 1
        while column > 0 {
            if column == 6 { column -= 1 }
            let rows = upward ? Array((0..<n).reversed()) : Array(0..<n)
            for y in rows {
                for x in [column, column - 1] where !functions.isFunction[y * n + x] {
                    bits.append(code[x, y] != Masking.flips(mask: code.mask, x: x, y: y))
                }
            }
            upward.toggle()
            column -= 2
        }
        let total = Tables.rawDataModules(version: version) / 8
        #expect(bits.count == Tables.rawDataModules(version: version))
        #expect(bits[(total * 8)...].allSatisfy { !$0 }, "remainder bits must be light before masking")
        let stream: [UInt8] = (0..<total).map { i in
            (0..<8).reduce(0) { $0 << 1 | (bits[i * 8 + $1] ? 1 : 0) }
        }

        // De-interleave into blocks using Table 9's layout.
        let blockCount = Tables.errorCorrectionBlocks[level.tableIndex][version]
        let eccLength = Tables.eccCodewordsPerBlock[level.tableIndex][version]
        let longBlocks = total % blockCount
        let dataLengths = (0..<blockCount).map { total / blockCount - eccLength + ($0 >= blockCount - longBlocks ? 1 : 0) }
        var blocks = dataLengths.map { _ in [UInt8]() }
        var cursor = 0
        for i in 0..<(dataLengths.max()!) {
            for b in 0..<blockCount where i < dataLengths[b] { blocks[b].append(stream[cursor]); cursor += 1 }
        }
        let dataCount = cursor
        for _ in 0..<eccLength {
            for b in 0..<blockCount { blocks[b].append(stream[cursor]); cursor += 1 }
        }
        #expect(cursor == total)

        for (b, block) in blocks.enumerated() {
            for root in 0..<eccLength {
                var value: UInt8 = 0
                for coefficient in block { value = GaloisField.multiply(value, GaloisField.exp[root]) ^ coefficient }
                #expect(value == 0, "block \(b) syndrome \(root)")
            }
        }

        // Data: mode 0100, count, payload, terminator, zero padding, then EC 11 EC 11 …
        let data = Array(blocks.enumerated().flatMap { $0.element.prefix(dataLengths[$0.offset]) })
        #expect(data.count == dataCount)
        var reader = BitReader(bytes: data)
        #expect(reader.read(4) == 0b0100)
        #expect(reader.read(version <= 9 ? 8 : 16) == length)
        #expect((0..<length).map { _ in UInt8(reader.read(8)) } == payload)
        let afterPayload = reader.position
        let terminatorEnd = min(afterPayload + 4, data.count * 8)
        while reader.position < terminatorEnd { #expect(reader.read(1) == 0) }
        while reader.position % 8 != 0 { #expect(reader.read(1) == 0) }
        var pad = 0
        while reader.position < data.count * 8 {
            #expect(reader.read(8) == (pad % 2 == 0 ? 0xEC : 0x11))
            pad += 1
        }
    }
}

struct BitReader {
    let bytes: [UInt8]
    var position = 0
    mutating func read(_ count: Int) -> Int {
        var value = 0
        for _ in 0..<count {
            value = value << 1 | Int((bytes[position / 8] >> (7 - UInt8(position % 8))) & 1)
            position += 1
        }
        return value
    }
}
