import Crypto

/// WeChat's push signatures (签名): SHA-1, in lower-case hex, of the parts sorted and concatenated.
///
/// - URL check (服务器配置验证) and plain-mode pushes: `signature` over token, timestamp, nonce.
/// - Safe mode (安全模式): `msg_signature` over token, timestamp, nonce and the `Encrypt` text.
///
/// Parts are sorted by their UTF-8 bytes, as wechatpy and WeChat's own samples do; `String`'s `<`
/// would order by Unicode scalars, which differs outside ASCII.
public enum PushSignature {
    /// The `signature` WeChat sends with a URL check or a plain-mode push.
    public static func url(token: String, timestamp: String, nonce: String) -> String {
        digest([token, timestamp, nonce])
    }

    /// 服务器配置验证: answers WeChat's GET with `echostr` when `signature` is right (in every
    /// encryption mode the check is in plain text), else throws `invalidSignature`.
    public static func answerURLCheck(
        signature: String, timestamp: String, nonce: String, echostr: String, token: String
    ) throws(WeChatError) -> String {
        try verifyURL(signature: signature, token: token, timestamp: timestamp, nonce: nonce)
        return echostr
    }

    /// The `msg_signature` of a safe-mode push or reply.
    public static func message(token: String, timestamp: String, nonce: String, encrypt: String) -> String {
        digest([token, timestamp, nonce, encrypt])
    }

    /// Checks a URL-check or plain-mode `signature` in constant time.
    public static func verifyURL(signature: String, token: String, timestamp: String, nonce: String) throws(WeChatError) {
        guard matches(signature, url(token: token, timestamp: timestamp, nonce: nonce)) else { throw .invalidSignature }
    }

    /// Checks a safe-mode `msg_signature` in constant time.
    public static func verifyMessage(
        signature: String, token: String, timestamp: String, nonce: String, encrypt: String
    ) throws(WeChatError) {
        let expected = message(token: token, timestamp: timestamp, nonce: nonce, encrypt: encrypt)
        guard matches(signature, expected) else { throw .invalidSignature }
    }

    static func digest(_ parts: [String]) -> String {
        let sorted = parts.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var hash = Insecure.SHA1()
        for part in sorted { hash.update(data: part) }
        return Hex.lowercase(hash.finalize())
    }

    /// WeChat sends lower-case hex; an upper-case copy is accepted as the same digest.
    static func matches(_ given: String, _ expected: String) -> Bool {
        ConstantTime.equals(given.utf8.map(Hex.lower), expected.utf8)
    }
}
