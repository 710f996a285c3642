import Testing

@testable import WeChatMP

@Suite struct URLSignatureTests {
    @Test(arguments: Vectors.shared.urlChecks.indices)
    func matchesWechatpy(_ index: Int) throws {
        let check = Vectors.shared.urlChecks[index]
        #expect(PushSignature.url(token: check.token, timestamp: check.timestamp, nonce: check.nonce) == check.signature)
        try PushSignature.verifyURL(signature: check.signature, token: check.token, timestamp: check.timestamp, nonce: check.nonce)
    }

    @Test func refusesAForgedOrMismatchedSignature() throws {
        let check = try #require(Vectors.shared.urlChecks.first)
        var forged = Array(check.signature.utf8)
        forged[0] = forged[0] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        let attempts: [(String, String, String, String)] = [
            (String(decoding: forged, as: UTF8.self), check.token, check.timestamp, check.nonce),
            (check.signature, check.token + "x", check.timestamp, check.nonce),
            (check.signature, check.token, String(Int(check.timestamp)! + 1), check.nonce),
            (check.signature, check.token, check.timestamp, check.nonce + "1"),
            (String(check.signature.dropLast()), check.token, check.timestamp, check.nonce),
            ("", check.token, check.timestamp, check.nonce),
        ]
        for (signature, token, timestamp, nonce) in attempts {
            #expect(throws: WeChatError.invalidSignature) {
                try PushSignature.verifyURL(signature: signature, token: token, timestamp: timestamp, nonce: nonce)
            }
        }
    }

    @Test func answersTheURLCheckWithEchostr() throws {
        let check = try #require(Vectors.shared.urlChecks.first)
        let answer = try PushSignature.answerURLCheck(
            signature: check.signature, timestamp: check.timestamp, nonce: check.nonce, echostr: "5837397749812", token: check.token)
        #expect(answer == "5837397749812")
        #expect(throws: WeChatError.invalidSignature) {
            try PushSignature.answerURLCheck(signature: check.signature, timestamp: "1", nonce: check.nonce, echostr: "x", token: check.token)
        }
    }

    @Test func acceptsUpperCaseHexAsTheSameDigest() throws {
        let check = try #require(Vectors.shared.urlChecks.first)
        try PushSignature.verifyURL(
            signature: check.signature.uppercased(), token: check.token, timestamp: check.timestamp, nonce: check.nonce)
    }

    @Test func sortsPartsByTheirUTF8Bytes() {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9) < "中" (0xE4 0xB8 0xAD): byte order, as wechatpy sorts.
        let shuffled = PushSignature.digest(["中", "a", "é", "Z"])
        #expect(shuffled == PushSignature.digest(["Z", "a", "é", "中"]))
        // hashlib.sha1(b"".join(sorted(p.encode() for p in ["中", "a", "é", "Z"]))).hexdigest()
        #expect(shuffled == "923c5a62073328dc4688e91bbae8ff7f854aa949")
    }
}
