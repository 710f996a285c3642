/// A sealed passive reply (加密回复). `xml` is byte for byte what wechatpy's `encrypt_message`
/// renders, which WeChat accepts.
public struct EncryptedReply: Sendable, Equatable {
    public let encrypt: String
    public let msgSignature: String
    public let timestamp: String
    public let nonce: String

    public var xml: String {
        "<xml>\n<Encrypt>\(XMLText.cdata(encrypt))</Encrypt>\n<MsgSignature>\(XMLText.cdata(msgSignature))</MsgSignature>\n"
            + "<TimeStamp>\(timestamp)</TimeStamp>\n<Nonce>\(XMLText.cdata(nonce))</Nonce>\n</xml>"
    }
}
