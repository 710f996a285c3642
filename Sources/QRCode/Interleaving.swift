/// Splits data codewords into Reed–Solomon blocks, appends each block's ECC and interleaves
/// them (ISO/IEC 18004 §7.5–7.6), so that a burst of damage is spread over many blocks.
enum Interleaving {
    static func finalCodewords(data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let blockCount = Tables.errorCorrectionBlocks[level.tableIndex][version]
        let eccPerBlock = Tables.eccCodewordsPerBlock[level.tableIndex][version]
        let totalCodewords = Tables.rawDataModules(version: version) / 8
        precondition(data.count == totalCodewords - blockCount * eccPerBlock)

        // When the total does not divide evenly, the first ("short") blocks carry one data
        // codeword fewer than the later ("long") ones; ECC length is the same for all.
        let longBlocks = totalCodewords % blockCount
        let shortBlocks = blockCount - longBlocks
        let shortDataLength = totalCodewords / blockCount - eccPerBlock

        let generator = ReedSolomon.generator(degree: eccPerBlock)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        dataBlocks.reserveCapacity(blockCount)
        eccBlocks.reserveCapacity(blockCount)
        var start = data.startIndex
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlocks ? 0 : 1)
            let slice = data[start..<(start + length)]
            dataBlocks.append(slice)
            eccBlocks.append(ReedSolomon.remainder(of: slice, generator: generator))
            start += length
        }

        // Column by column: codeword i of every block, skipping the column short blocks lack.
        var result: [UInt8] = []
        result.reserveCapacity(totalCodewords)
        for i in 0...shortDataLength {
            for block in dataBlocks where i < block.count {
                result.append(block[block.startIndex + i])
            }
        }
        for i in 0..<eccPerBlock {
            for block in eccBlocks { result.append(block[i]) }
        }
        return result
    }
}
