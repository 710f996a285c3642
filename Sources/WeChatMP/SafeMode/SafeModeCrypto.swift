/// One 公众号's server-side crypto in 安全模式 (and 兼容模式): the token for signatures plus the
/// message cipher. Mirrors wechatpy's `WeChatCrypto` (`decrypt_message` / `encrypt_message`).
public struct SafeModeCrypto: Sendable {
    public let token: String
    public let cipher: MessageCipher

    public init(token: String, encodingAESKey: String, appID: String) throws(WeChatError) {
        self.token = token
        cipher = try MessageCipher(key: EncodingAESKey(encodingAESKey), appID: appID)
    }

    /// Opens a push: reads `Encrypt` from the body, checks `msg_signature` (from the query string)
    /// over token, timestamp, nonce and Encrypt, and only then decrypts. Returns the plaintext XML.
    public func decryptMessage(
        body: String, msgSignature: String, timestamp: String, nonce: String
    ) throws(WeChatError) -> String {
        let envelope = try IncomingEnvelope.parse(body)
        return try decrypt(encrypt: envelope.encrypt, msgSignature: msgSignature, timestamp: timestamp, nonce: nonce)
    }

    /// Checks the signature over an `Encrypt` value (or an encrypted `echostr`) and decrypts it.
    public func decrypt(encrypt: String, msgSignature: String, timestamp: String, nonce: String) throws(WeChatError) -> String {
        try PushSignature.verifyMessage(signature: msgSignature, token: token, timestamp: timestamp, nonce: nonce, encrypt: encrypt)
        return try cipher.decrypt(encrypt)
    }

    /// Seals a passive reply (e.g. `TextReply.xml`) into the envelope WeChat expects back.
    /// `timestamp` and `nonce` are usually the ones of the push being answered.
    public func encryptReply(_ replyXML: String, timestamp: String, nonce: String) throws(WeChatError) -> EncryptedReply {
        try encryptReply(replyXML, timestamp: timestamp, nonce: nonce, randomPrefix: MessageCipher.randomPrefix())
    }

    /// As `encryptReply(_:timestamp:nonce:)` with a given random prefix (for reproducible tests).
    public func encryptReply(
        _ replyXML: String, timestamp: String, nonce: String, randomPrefix: [UInt8]
    ) throws(WeChatError) -> EncryptedReply {
        guard !timestamp.isEmpty, timestamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .invalidTimestamp(timestamp)
        }
        let encrypt = try cipher.encrypt(replyXML, randomPrefix: randomPrefix)
        let signature = PushSignature.message(token: token, timestamp: timestamp, nonce: nonce, encrypt: encrypt)
        return EncryptedReply(encrypt: encrypt, msgSignature: signature, timestamp: timestamp, nonce: nonce)
    }
}
