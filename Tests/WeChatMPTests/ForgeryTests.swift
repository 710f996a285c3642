import Crypto
import Testing
import _CryptoExtras

@testable import WeChatMP

/// What an attacker (or a misconfigured account) can send, and what it gets.
@Suite struct ForgeryTests {
    let vector = Vectors.shared.encryptedMessages[0]
    var account: Vectors.Account { Vectors.shared.accounts[vector.account] }

    func crypto(appID: String? = nil, token: String? = nil) throws -> SafeModeCrypto {
        try SafeModeCrypto(token: token ?? account.token, encodingAESKey: account.encodingAesKey, appID: appID ?? account.appId)
    }

    @Test func refusesAForgedMsgSignature() throws {
        var signature = Array(vector.msgSignature.utf8)
        signature[39] = signature[39] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(throws: WeChatError.invalidSignature) {
            try crypto().decryptMessage(
                body: vector.incomingXml, msgSignature: String(decoding: signature, as: UTF8.self),
                timestamp: vector.timestamp, nonce: vector.nonce)
        }
    }

    @Test func refusesAReplayedSignatureWithAnotherTimestampOrNonce() throws {
        let c = try crypto()
        #expect(throws: WeChatError.invalidSignature) {
            try c.decryptMessage(body: vector.incomingXml, msgSignature: vector.msgSignature, timestamp: "1764729999", nonce: vector.nonce)
        }
        #expect(throws: WeChatError.invalidSignature) {
            try c.decryptMessage(body: vector.incomingXml, msgSignature: vector.msgSignature, timestamp: vector.timestamp, nonce: "1")
        }
    }

    @Test func refusesAnotherAccountsToken() throws {
        #expect(throws: WeChatError.invalidSignature) {
            try crypto(token: "someoneElse").decryptMessage(
                body: vector.incomingXml, msgSignature: vector.msgSignature,
                timestamp: vector.timestamp, nonce: vector.nonce)
        }
    }

    /// A flipped ciphertext bit is caught by the signature before any padding check runs.
    @Test func refusesATamperedCiphertextBeforeDecrypting() throws {
        var encrypt = Array(vector.encrypt.utf8)
        encrypt[10] = encrypt[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = String(decoding: encrypt, as: UTF8.self)
        #expect(throws: WeChatError.invalidSignature) {
            try crypto().decrypt(encrypt: tampered, msgSignature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce)
        }
    }

    @Test func refusesAMessageSealedForAnotherAppID() throws {
        #expect(throws: WeChatError.appIDMismatch(found: account.appId)) {
            try crypto(appID: "wx0000000000000000").decryptMessage(
                body: vector.incomingXml, msgSignature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce)
        }
    }

    @Test func refusesTwoEncryptFields() throws {
        let doubled = vector.incomingXml.replacingAll("</xml>", with: "<Encrypt><![CDATA[AAAA]]></Encrypt></xml>")
        #expect(throws: WeChatError.duplicateField("Encrypt")) {
            try crypto().decryptMessage(body: doubled, msgSignature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce)
        }
    }

    // MARK: - Frames built by hand, to reach each check behind the signature

    let appID = "wx5823bf96d3bd56c7"

    func cipher() throws -> MessageCipher {
        try MessageCipher(key: EncodingAESKey(Vectors.shared.accounts[0].encodingAesKey), appID: appID)
    }

    /// Encrypts `frame` (already a multiple of 16 bytes) with the account key, with no padding added.
    func seal(_ frame: [UInt8]) throws -> String {
        let key = try EncodingAESKey(Vectors.shared.accounts[0].encodingAesKey)
        let sealed = try AES._CBC.encrypt(
            frame, using: SymmetricKey(data: key.bytes), iv: AES._CBC.IV(ivBytes: key.bytes.prefix(16)),
            noPadding: true)
        return Base64.encode(Array(sealed))
    }

    func frame(message: [UInt8], declaredLength: Int? = nil, appID: String? = nil) -> [UInt8] {
        let length = UInt32(declaredLength ?? message.count)
        var frame = Array(repeating: UInt8(ascii: "r"), count: 16)
        frame += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        return frame + message + Array((appID ?? self.appID).utf8)
    }

    @Test func opensAHandBuiltFrame() throws {
        var good = frame(message: Array("<xml/>".utf8))
        WeChatPKCS7.pad(&good)
        #expect(try cipher().decrypt(seal(good)) == "<xml/>")
    }

    @Test(arguments: [0, 33, 255])
    func refusesAPaddingValueOutsideOneToThirtyTwo(_ value: Int) throws {
        var bad = frame(message: Array("hello".utf8))
        bad += Array(repeating: UInt8(value), count: 32 - bad.count % 32)
        bad[bad.count - 1] = UInt8(value)
        #expect(throws: WeChatError.invalidPadding) { try cipher().decrypt(seal(bad)) }
    }

    @Test func refusesInconsistentPaddingBytes() throws {
        var bad = frame(message: Array("hello".utf8))
        WeChatPKCS7.pad(&bad)
        let count = Int(bad[bad.count - 1])
        #expect(count >= 2)
        bad[bad.count - 2] ^= 0x01
        #expect(throws: WeChatError.invalidPadding) { try cipher().decrypt(seal(bad)) }
    }

    @Test func refusesALengthPointingPastTheFrame() throws {
        var bad = frame(message: Array("hello".utf8), declaredLength: 4096)
        WeChatPKCS7.pad(&bad)
        #expect(throws: WeChatError.invalidFrame) { try cipher().decrypt(seal(bad)) }
    }

    @Test func refusesAFrameShorterThanItsHeader() throws {
        var bad = Array(repeating: UInt8(ascii: "r"), count: 12)
        WeChatPKCS7.pad(&bad)
        #expect(throws: WeChatError.invalidFrame) { try cipher().decrypt(seal(bad)) }
    }

    @Test func refusesAMessageThatIsNotUTF8() throws {
        var bad = frame(message: [0x3C, 0xC3, 0x28, 0x3E])
        WeChatPKCS7.pad(&bad)
        #expect(throws: WeChatError.invalidUTF8) { try cipher().decrypt(seal(bad)) }
    }

    @Test func reportsTheAppIDFoundInAForeignFrame() throws {
        var foreign = frame(message: Array("<xml/>".utf8), appID: "wxOTHER")
        WeChatPKCS7.pad(&foreign)
        #expect(throws: WeChatError.appIDMismatch(found: "wxOTHER")) { try cipher().decrypt(seal(foreign)) }
    }

    @Test(arguments: ["", "not base64!", "AAAA", "QUFBQUFBQUFBQUFBQUFBQUE="])
    func refusesCiphertextThatIsNotWholeAESBlocks(_ encrypt: String) throws {
        #expect(throws: WeChatError.invalidCiphertext) { try cipher().decrypt(encrypt) }
    }

    @Test func refusesARandomPrefixOfTheWrongSize() throws {
        #expect(throws: WeChatError.invalidRandomPrefix) { try cipher().encrypt("x", randomPrefix: [1, 2, 3]) }
    }

    @Test func sealsEachReplyWithAFreshPrefix() throws {
        let c = try cipher()
        let first = try c.encrypt("<xml/>")
        let second = try c.encrypt("<xml/>")
        #expect(first != second)
        #expect(try c.decrypt(first) == "<xml/>")
        #expect(try c.decrypt(second) == "<xml/>")
    }

    @Test func refusesANonNumericReplyTimestamp() throws {
        #expect(throws: WeChatError.invalidTimestamp("12<x>")) { try crypto().encryptReply("<xml/>", timestamp: "12<x>", nonce: "1") }
    }
}
