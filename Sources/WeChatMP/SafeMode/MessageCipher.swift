import Crypto
import _CryptoExtras

/// 安全模式 encryption of one 公众号's messages: AES-256-CBC, IV = first 16 key bytes, WeChat's
/// PKCS#7 to 32-byte blocks, base64. The plaintext frame is
///
///     16 random bytes ‖ message length (4 bytes, big-endian) ‖ message (UTF-8) ‖ AppID
///
/// The cipher alone authenticates nothing (CBC has no MAC): callers check `msg_signature` first,
/// which `SafeModeCrypto` does, so a forged ciphertext never reaches the padding check.
public struct MessageCipher: Sendable {
    public let appID: String
    /// Raw bytes rather than a `SymmetricKey`, which swift-crypto 3.12 does not mark `Sendable`.
    private let keyBytes: [UInt8]
    private let iv: AES._CBC.IV

    public init(key: EncodingAESKey, appID: String) throws(WeChatError) {
        guard !appID.isEmpty, appID.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .invalidAppID }
        self.appID = appID
        keyBytes = key.bytes
        do { iv = try AES._CBC.IV(ivBytes: key.iv) } catch { throw .invalidEncodingAESKey }
    }

    /// Seals `message` with a fresh random prefix (16 letters and digits, as WeChat's samples use).
    public func encrypt(_ message: String) throws(WeChatError) -> String {
        try encrypt(message, randomPrefix: Self.randomPrefix())
    }

    /// Seals `message` with a given 16-byte prefix; tests use it to reproduce wechatpy's output.
    public func encrypt(_ message: String, randomPrefix: [UInt8]) throws(WeChatError) -> String {
        guard randomPrefix.count == 16 else { throw .invalidRandomPrefix }
        let body = Array(message.utf8)
        guard let length = UInt32(exactly: body.count) else { throw .invalidField("message too long") }
        var frame = randomPrefix
        frame.reserveCapacity(16 + 4 + body.count + appID.utf8.count + WeChatPKCS7.blockSize)
        frame.append(contentsOf: [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)])
        frame.append(contentsOf: body)
        frame.append(contentsOf: appID.utf8)
        WeChatPKCS7.pad(&frame)
        do {
            let sealed = try AES._CBC.encrypt(frame, using: SymmetricKey(data: keyBytes), iv: iv, noPadding: true)
            return Base64.encode(Array(sealed))
        } catch {
            throw .invalidCiphertext
        }
    }

    /// Opens an `Encrypt` value and returns the message, after checking padding, frame and AppID.
    public func decrypt(_ encrypt: String) throws(WeChatError) -> String {
        guard let sealed = Base64.decode(encrypt), !sealed.isEmpty, sealed.count % 16 == 0 else { throw .invalidCiphertext }
        let frame: [UInt8]
        do { frame = Array(try AES._CBC.decrypt(sealed, using: SymmetricKey(data: keyBytes), iv: iv, noPadding: true)) } catch {
            throw .invalidCiphertext
        }
        let end = try WeChatPKCS7.unpaddedCount(frame)
        guard end >= 20 else { throw .invalidFrame }
        let length = Int(frame[16]) << 24 | Int(frame[17]) << 16 | Int(frame[18]) << 8 | Int(frame[19])
        guard length <= end - 20 else { throw .invalidFrame }
        let body = frame[20..<20 + length]
        let sender = frame[(20 + length)..<end]
        guard sender.elementsEqual(appID.utf8) else {
            throw .appIDMismatch(found: String(decoding: sender, as: UTF8.self))
        }
        let message = String(decoding: body, as: UTF8.self)
        guard message.utf8.elementsEqual(body) else { throw .invalidUTF8 }
        return message
    }

    static func randomPrefix() -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var rng = SystemRandomNumberGenerator()
        return (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
    }
}
