/// The 公众号's EncodingAESKey (消息加解密密钥): 43 characters set in the admin console, the base64
/// of a 32-byte AES-256 key without its final `=`. The IV is the key's first 16 bytes, as WeChat
/// specifies (so the IV is fixed per account; the random prefix in each frame stands in for it).
public struct EncodingAESKey: Sendable, Equatable {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    public init(_ text: String) throws(WeChatError) {
        guard text.utf8.count == 43, text.utf8.allSatisfy({ Base64.value($0) != nil }),
            let key = Base64.decode(text + "=", strictTrailingBits: false), key.count == 32
        else { throw .invalidEncodingAESKey }
        bytes = key
    }

    /// The key for a given 32 bytes (tests and key generation). The text form is `text`.
    public init(bytes: [UInt8]) throws(WeChatError) {
        guard bytes.count == 32 else { throw .invalidEncodingAESKey }
        self.bytes = bytes
    }

    /// The 43-character form to paste into the WeChat admin console.
    public var text: String { String(Base64.encode(bytes).dropLast()) }

    var iv: ArraySlice<UInt8> { bytes.prefix(16) }
}
