/// Everything that can go wrong on the 公众号 push channel, as values.
///
/// The edge maps these once: a signature or replay failure answers HTTP 403 (or just "success" for a
/// duplicate, so WeChat stops retrying); malformed input answers 400. Nothing here carries secrets.
public enum WeChatError: Error, Equatable, Sendable {
    /// `signature` or `msg_signature` does not match token, timestamp, nonce (and Encrypt).
    case invalidSignature
    /// The EncodingAESKey is not 43 base64 characters that decode to 32 bytes.
    case invalidEncodingAESKey
    /// The AppID given to the cipher is empty or not printable ASCII.
    case invalidAppID
    /// `Encrypt` is not canonical base64, or its length is not a whole number of AES blocks.
    case invalidCiphertext
    /// WeChat's PKCS#7 padding (block size 32) is missing or inconsistent.
    case invalidPadding
    /// The decrypted frame is too short or its 4-byte length points past the end.
    case invalidFrame
    /// The message inside the frame is not UTF-8.
    case invalidUTF8
    /// The frame was sealed for another 公众号 (AppID after the message differs).
    case appIDMismatch(found: String)
    /// The random prefix for a reply must be exactly 16 bytes.
    case invalidRandomPrefix
    /// A timestamp is not a decimal number of seconds.
    case invalidTimestamp(String)
    /// The message is older than the replay window allows (秒).
    case staleTimestamp(age: Int64)
    /// The message claims a time further in the future than the allowed clock skew.
    case futureTimestamp(ahead: Int64)
    /// The same MsgId (or event key) was seen before: a replay or WeChat's own retry.
    case duplicateMessage(ReplayKey)
    /// The XML is not well formed; `offset` is a byte offset into the UTF-8 input.
    case malformedXML(reason: String, offset: Int)
    /// A DOCTYPE or ENTITY declaration: refused outright, so no entity can be expanded (XXE).
    case forbiddenDeclaration
    /// An entity other than the five predefined ones or a valid character reference.
    case undefinedEntity(String)
    /// The input is larger or nests deeper than a WeChat push message ever does.
    case xmlLimitExceeded(String)
    /// The root element is not `<xml>`.
    case unexpectedRoot(String)
    /// A field WeChat always sends is missing.
    case missingField(String)
    /// A field appears twice; refused so signature and decryption cannot read different copies.
    case duplicateField(String)
    /// A field has a value of the wrong shape (e.g. CreateTime not digits).
    case invalidField(String)
    /// A template message colour is not `#RRGGBB`.
    case invalidColor(String)
}
