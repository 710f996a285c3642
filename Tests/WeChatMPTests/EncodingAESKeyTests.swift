import Testing

@testable import WeChatMP

@Suite struct EncodingAESKeyTests {
    @Test func ignoresTheUnusedBitsOfTheLastCharacterAsWechatpyDoes() throws {
        // 'G' carries bits below the 32nd byte; 'E' (000100) spells the same key with them clear.
        let console = try EncodingAESKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
        let canonical = try EncodingAESKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE")
        #expect(console.bytes == canonical.bytes)
        #expect(console.bytes.count == 32)
        #expect(console.text == "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE")
    }

    @Test(arguments: [
        "", "short", String(repeating: "a", count: 42), String(repeating: "a", count: 44),
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=", "abcdefghijklmnopqrstuvwxyz0123456789ABCDE-G",
    ])
    func refusesAnythingButFortyThreeBase64Characters(_ text: String) {
        #expect(throws: WeChatError.invalidEncodingAESKey) { try EncodingAESKey(text) }
    }

    @Test func roundTripsThroughItsTextForm() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 & 0xFF) }
        let key = try EncodingAESKey(bytes: bytes)
        #expect(key.text.utf8.count == 43)
        #expect(try EncodingAESKey(key.text).bytes == bytes)
    }

    @Test func refusesAnEmptyOrUnprintableAppID() throws {
        let key = try EncodingAESKey(bytes: Array(repeating: 1, count: 32))
        #expect(throws: WeChatError.invalidAppID) { try MessageCipher(key: key, appID: "") }
        #expect(throws: WeChatError.invalidAppID) { try MessageCipher(key: key, appID: "wx 1") }
    }

    @Test func base64MatchesTheRFCExamples() {
        let pairs = [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in pairs {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64.decode("Zh==") == nil)  // non-canonical: set bits after the last byte
        #expect(Base64.decode("Zg=") == nil)
        #expect(Base64.decode("Z===") == nil)
        #expect(Base64.decode("Zg==Zg==") == nil)
    }
}
