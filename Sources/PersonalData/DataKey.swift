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
    public static func generate(id: UInt8 = 1) -> DataKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return try! DataKey(base64: Base64.encode(bytes), id: id)
    }
}

/// The data keys of a deployment after rotations: the newest seals, each opens what it sealed, and
/// the keyed hashes (by which ID and phone numbers are found and kept unique) stay those of the
/// first key, so that a rotation re-seals values without rehashing them.
///
/// The key file holds one key per line, oldest first: `base64` (key 1, a file from before
/// rotation) or `N base64`.
public struct DataKeyRing: Sendable {
    /// Oldest first, ids increasing.
    public let keys: [DataKey]

    public init(_ keys: [DataKey]) {
        precondition(!keys.isEmpty, "a key ring holds at least one key")
        self.keys = keys.sorted { $0.id < $1.id }
    }

    public init(text: String) throws(DataKeyError) {
        var keys: [DataKey] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            switch parts.count {
            case 0: continue
            case 1: keys.append(try DataKey(base64: String(parts[0]), id: 1))
            case 2:
                guard let id = UInt8(parts[0]), id > 0 else { throw .malformed }
                keys.append(try DataKey(base64: String(parts[1]), id: id))
            default: throw .malformed
            }
        }
        guard !keys.isEmpty, Set(keys.map(\.id)).count == keys.count else { throw .malformed }
        self.init(keys)
    }

    /// The file's text.
    public var text: String { keys.map { "\($0.id) \($0.base64)" }.joined(separator: "\n") + "\n" }

    /// The key that seals from now on.
    public var current: DataKey { keys.last! }

    /// The key whose index subkey every hash uses: the first.
    public var first: DataKey { keys[0] }

    public func key(id: UInt8) -> DataKey? { keys.first { $0.id == id } }

    /// This ring and a new random key, which seals from now on.
    public func rotated() -> DataKeyRing {
        precondition(current.id < 255, "255 rotations")
        return DataKeyRing(keys + [DataKey.generate(id: current.id + 1)])
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
