import Testing
@testable import QRCode

@Suite("Reed–Solomon over GF(256)")
struct ReedSolomonTests {
    @Test("field tables: α⁸ = 0x1D, α²⁵⁵ = 1, log inverts exp")
    func field() {
        #expect(GaloisField.exp[8] == 0x1D)
        #expect(GaloisField.exp[255] == 1)
        for value in 1...255 { #expect(Int(GaloisField.exp[GaloisField.log[value]]) == value) }
        #expect(GaloisField.multiply(0x53, 0xCA) == GaloisField.multiply(0xCA, 0x53))
        #expect(GaloisField.multiply(0, 0x53) == 0)
    }

    /// Annex A lists generator polynomials as exponents of α; degree 7:
    /// x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹.
    @Test("generator polynomial of degree 7 matches Annex A")
    func generator() {
        let logs = ReedSolomon.generator(degree: 7).map { GaloisField.log[Int($0)] }
        #expect(logs == [87, 229, 146, 149, 238, 102, 21])
    }

    /// The widely published worked example "HELLO WORLD" at 1-M (alphanumeric data codewords).
    @Test("HELLO WORLD 1-M error-correction codewords")
    func helloWorld() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = ReedSolomon.remainder(of: data, generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    /// A valid codeword is a multiple of g(x), so it vanishes at every root α⁰…α^(n−1).
    @Test("codewords evaluate to zero at the generator's roots", arguments: [7, 16, 22, 30])
    func syndromes(degree: Int) {
        let data = randomBytes(count: 100, seed: UInt64(degree))
        let codeword = data + ReedSolomon.remainder(of: data, generator: ReedSolomon.generator(degree: degree))
        for i in 0..<degree {
            let root = GaloisField.exp[i]
            var value: UInt8 = 0
            for coefficient in codeword { value = GaloisField.multiply(value, root) ^ coefficient }
            #expect(value == 0, "syndrome \(i)")
        }
    }

    /// Version 5-Q has two short blocks of 15 and two long blocks of 16 data codewords
    /// (Table 9); the interleaved stream must start with codeword 0 of each block in turn and
    /// end the data part with the long blocks' extra codewords.
    @Test("interleaving of short and long blocks, 5-Q")
    func interleaving() {
        let data = (0..<62).map { UInt8($0) }
        let final = Interleaving.finalCodewords(data: data, version: 5, level: .quartile)
        #expect(final.count == 134)
        #expect(Array(final.prefix(4)) == [0, 15, 30, 46])
        #expect(Array(final[56..<62]) == [14, 29, 44, 60, 45, 61])
        let firstBlockECC = ReedSolomon.remainder(of: data[0..<15], generator: ReedSolomon.generator(degree: 18))
        #expect(final[62] == firstBlockECC[0] && final[66] == firstBlockECC[1])
    }
}
