import Foundation
import Testing
@testable import TalentCode

@Suite struct Base64URLTests {
    @Test func matchesFoundationForEveryLength() {
        var rng = SystemRandomNumberGenerator()
        for length in 0 ... 70 {
            let bytes = (0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let encoded = Base64URL.encode(bytes)
            #expect(encoded == expected)
            #expect(encoded.utf8.count == Base64URL.encodedCount(length))
            #expect(Base64URL.decode(encoded) == bytes)
        }
    }

    @Test(arguments: ["QQ==", "QQ=", "a+b/", "Zm9v YmFy", "A", "AAAAA", "QR", "QUF", "Zm9vYg!"])
    func refusesNonCanonical(_ text: String) {
        // "QR" and "QUF" spell "A" and "AA" only if the unused low bits are ignored.
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func acceptsCanonicalShortForms() {
        #expect(Base64URL.decode("QQ") == [0x41])
        #expect(Base64URL.decode("QUE") == [0x41, 0x41])
        #expect(Base64URL.decode("") == [])
    }
}
