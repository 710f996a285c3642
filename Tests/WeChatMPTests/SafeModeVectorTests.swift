import Testing

@testable import WeChatMP

/// wechatpy encrypted these pushes; the Swift side must open them, read them the way wechatpy's
/// parser does, and, given the same random prefix, seal them to the very same bytes.
@Suite struct SafeModeVectorTests {
    static let cases = Vectors.shared.encryptedMessages

    static func crypto(for message: Vectors.EncryptedMessage) throws -> SafeModeCrypto {
        let account = Vectors.shared.accounts[message.account]
        return try SafeModeCrypto(token: account.token, encodingAESKey: account.encodingAesKey, appID: account.appId)
    }

    @Test(arguments: cases)
    func decryptsWhatWechatpyEncrypted(_ vector: Vectors.EncryptedMessage) throws {
        let crypto = try Self.crypto(for: vector)
        let plaintext = try crypto.decryptMessage(
            body: vector.incomingXml, msgSignature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce)
        #expect(plaintext == vector.plaintext)
    }

    @Test(arguments: cases)
    func encryptsToWechatpysBytesGivenTheSameRandomPrefix(_ vector: Vectors.EncryptedMessage) throws {
        let crypto = try Self.crypto(for: vector)
        let reply = try crypto.encryptReply(
            vector.plaintext, timestamp: vector.timestamp, nonce: vector.nonce,
            randomPrefix: Array(vector.random.utf8))
        #expect(reply.encrypt == vector.encrypt)
        #expect(reply.msgSignature == vector.msgSignature)
        #expect(reply.xml == vector.wechatpyEnvelope)
    }

    @Test(arguments: cases)
    func readsThePlaintextAsWechatpyDoes(_ vector: Vectors.EncryptedMessage) throws {
        let message = try IncomingMessage.parse(vector.plaintext)
        let expected = vector.parsed
        #expect(message.fromUserName == expected.source)
        #expect(message.toUserName == expected.target)
        #expect(message.createTime == expected.time)
        #expect(message.msgID == expected.id)
        switch message.body {
        case .text(let content):
            #expect(expected.type == "text")
            #expect(content == expected.content)
        case .subscribe(let scene):
            #expect(expected.type == "event")
            #expect(expected.event == (scene == nil ? "subscribe" : "subscribe_scan"))
            #expect(scene == expected.sceneId)
        case .unsubscribe:
            #expect(expected.event == "unsubscribe")
        case .unsupported(let msgType, let event):
            #expect(msgType.lowercased() == expected.type)
            #expect(event?.lowercased() == expected.event)
        }
    }

    @Test func theFullPaddingBlockCaseReallyPadsAWholeBlock() throws {
        let vector = try #require(Self.cases.first { $0.name.hasPrefix("text_full_padding_block") })
        let account = Vectors.shared.accounts[vector.account]
        let frame = 16 + 4 + vector.plaintext.utf8.count + account.appId.utf8.count
        #expect(frame % 32 == 0)
    }
}
