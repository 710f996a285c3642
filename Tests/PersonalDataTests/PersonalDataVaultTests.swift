import PersonalData
import Testing

@Suite("Personal data at rest")
struct PersonalDataVaultTests {
    let vault = PersonalDataVault(key: DataKey.generate())

    @Test("a sealed value opens to the original and does not contain it")
    func roundTrip() throws {
        let id = "50010319880808123X"
        let sealed = vault.seal(id, field: .idNumber)
        #expect(try vault.open(sealed, field: .idNumber) == id)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("1988"))
        #expect(sealed.count == 1 + 12 + id.utf8.count + 16)
    }

    @Test("sealing twice gives different bytes (a fresh nonce each time)")
    func freshNonce() {
        #expect(vault.seal("13812345678", field: .phone) != vault.seal("13812345678", field: .phone))
    }

    @Test("a ciphertext moved to another field, altered, or opened with another key is refused")
    func tamper() {
        let sealed = vault.seal("13812345678", field: .phone)
        #expect(throws: VaultError.corrupt) { try vault.open(sealed, field: .idNumber) }
        var altered = sealed
        altered[20] ^= 1
        #expect(throws: VaultError.corrupt) { try vault.open(altered, field: .phone) }
        let other = PersonalDataVault(key: DataKey.generate())
        #expect(throws: VaultError.corrupt) { try other.open(sealed, field: .phone) }
        #expect(throws: VaultError.corrupt) { try vault.open(Array(sealed.prefix(10)), field: .phone) }
    }

    @Test("the keyed hash is stable for a key and differs by field and by key")
    func index() {
        let a = vault.index("13812345678", field: .phone)
        #expect(a == vault.index("13812345678", field: .phone))
        #expect(a != vault.index("13812345678", field: .idNumber))
        #expect(a != PersonalDataVault(key: DataKey.generate()).index("13812345678", field: .phone))
        #expect(a.count == 32)
    }

    @Test("a data key is 32 bytes of base64; anything else is refused")
    func keys() throws {
        let key = DataKey.generate()
        let again = try DataKey(base64: key.base64 + "\n")
        #expect(PersonalDataVault(key: again).index("x", field: .phone) == PersonalDataVault(key: key).index("x", field: .phone))
        #expect(throws: DataKeyError.self) { try DataKey(base64: "c2hvcnQ=") }
        #expect(throws: DataKeyError.self) { try DataKey(base64: "not base64!") }
    }

    @Test("base64 round-trips every length, in both alphabets")
    func base64() {
        for n in 0..<70 {
            let bytes = (0..<n).map { UInt8(($0 * 37 + n) & 0xFF) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes, urlSafe: true)) == bytes)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
    }
}
