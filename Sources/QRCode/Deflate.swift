/// A small deflate encoder (RFC 1951): greedy LZ77 over a 32 KiB window, coded as one block
/// with the fixed Huffman tables. QR images are long runs and rows repeated `scale` times,
/// which LZ77 alone shrinks by one to two orders of magnitude; dynamic Huffman tables would
/// add little for a lot more code.
enum Deflate {
    static let windowSize = 32_768
    static let minMatch = 3
    static let maxMatch = 258
    /// Candidates followed per position; bounds the worst case on adversarial input.
    static let maxChainLength = 32

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)  // BFINAL: this is the last block
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes

        let count = input.count
        let hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: count)

        @inline(__always) func hash(_ i: Int) -> Int {
            (Int(input[i]) << 10 ^ Int(input[i + 1]) << 5 ^ Int(input[i + 2])) & (hashSize - 1)
        }
        @inline(__always) func insert(_ i: Int) {
            guard i + minMatch <= count else { return }
            let h = hash(i)
            previous[i] = head[h]
            head[h] = i
        }

        var i = 0
        while i < count {
            var bestLength = 0
            var bestDistance = 0
            if i + minMatch <= count {
                let limit = min(maxMatch, count - i)
                var candidate = head[hash(i)]
                var chain = maxChainLength
                while candidate >= 0 && i - candidate <= windowSize && chain > 0 {
                    var length = 0
                    while length < limit && input[candidate + length] == input[i + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = i - candidate
                        if length == limit { break }
                    }
                    candidate = previous[candidate]
                    chain -= 1
                }
            }

            if bestLength >= minMatch {
                writer.writeLength(bestLength)
                writer.writeDistance(bestDistance)
                for position in i..<(i + bestLength) { insert(position) }
                i += bestLength
            } else {
                writer.writeLiteral(input[i])
                insert(i)
                i += 1
            }
        }
        writer.writeSymbol(256)  // end of block
        return writer.finish()
    }
}

/// Packs bits least significant first, as deflate requires; Huffman codes themselves are
/// defined most significant bit first, so they are stored pre-reversed.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    mutating func write(_ value: UInt32, bits: Int) {
        buffer |= UInt64(value) << UInt64(bufferedBits)
        bufferedBits += bits
        while bufferedBits >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            bufferedBits -= 8
        }
    }

    mutating func finish() -> [UInt8] {
        if bufferedBits > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        bufferedBits = 0
        return bytes
    }

    // MARK: Fixed Huffman code (RFC 1951 §3.2.6)

    /// (reversed code, length) for literal/length symbols 0…287.
    private static let literalCodes: [(code: UInt32, length: Int)] = (0..<288).map { symbol in
        let (code, length): (Int, Int) = switch symbol {
        case 0...143: (0x30 + symbol, 8)
        case 144...255: (0x190 + symbol - 144, 9)
        case 256...279: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        return (reverse(UInt32(code), bits: length), length)
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static func reverse(_ value: UInt32, bits: Int) -> UInt32 {
        var result: UInt32 = 0
        for i in 0..<bits where value & (1 << UInt32(i)) != 0 { result |= 1 << UInt32(bits - 1 - i) }
        return result
    }

    /// The last table entry whose base is ≤ value. Length 258 has its own code (285) rather
    /// than 284 + 31 extra, which RFC 1951 does not allow.
    private static func bucket(_ value: Int, in bases: [Int]) -> Int {
        var index = bases.count - 1
        while bases[index] > value { index -= 1 }
        return index
    }

    mutating func writeSymbol(_ symbol: Int) {
        let entry = BitWriter.literalCodes[symbol]
        write(entry.code, bits: entry.length)
    }

    mutating func writeLiteral(_ byte: UInt8) { writeSymbol(Int(byte)) }

    mutating func writeLength(_ length: Int) {
        let index = BitWriter.bucket(length, in: BitWriter.lengthBase)
        writeSymbol(257 + index)
        write(UInt32(length - BitWriter.lengthBase[index]), bits: BitWriter.lengthExtra[index])
    }

    mutating func writeDistance(_ distance: Int) {
        let index = BitWriter.bucket(distance, in: BitWriter.distanceBase)
        // Distance codes are fixed 5-bit codes, also sent most significant bit first.
        write(BitWriter.reverse(UInt32(index), bits: 5), bits: 5)
        write(UInt32(distance - BitWriter.distanceBase[index]), bits: BitWriter.distanceExtra[index])
    }
}
