import Crypto

/// The master key that protects personal data at rest. Two subkeys are derived from it with HKDF,
/// one to encrypt (AES-256-GCM) and one to compute the keyed hashes that find a person by ID or phone
/// number without decrypting every row; a leak of the hashes therefore does not reveal the cipher key.
public struct DataKey: Sendable {
    // Kept as bytes: SymmetricKey is not Sendable in this swift-crypto.
    let encryptionBytes: [UInt8]
    let indexBytes: [UInt8]
    var encryption: SymmetricKey { SymmetricKey(data: encryptionBytes) }
    var index: SymmetricKey { SymmetricKey(data: indexBytes) }
    /// Stored with each ciphertext so that a later key can be introduced without rewriting old rows.
    public let id: UInt8
    public let base64: String

    public init(base64 text: String, id: UInt8 = 1) throws(DataKeyError) {
        let trimmed = text.trimmingCharacters(in: " \n\r\t")
        guard let bytes = Base64.decode(trimmed), bytes.count == 32 else { throw .malformed }
        let master = SymmetricKey(data: bytes)
        encryptionBytes = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Array("yingcai personal data encryption v1".utf8), outputByteCount: 32).withUnsafeBytes { Array($0) }
        indexBytes = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Array("yingcai personal data index v1".utf8), outputByteCount: 32).withUnsafeBytes { Array($0) }
        self.id = id
        self.base64 = trimmed
    }

    /// A new random key, for a first start.
    public static func generate() -> DataKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return try! DataKey(base64: Base64.encode(bytes))
    }
}

public enum DataKeyError: Error, Sendable, CustomStringConvertible {
    case malformed
    public var description: String {
        "the data key must be 32 random bytes in base64 (for example: openssl rand -base64 32)"
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
