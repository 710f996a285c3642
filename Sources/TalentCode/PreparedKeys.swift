import Crypto

/// A swift-crypto Ed25519 private key built once and kept.
///
/// Building one from its 32 raw bytes derives the public key (a scalar multiplication, about
/// as dear as a signature), so rebuilding it per code would halve the issue rate. swift-crypto's
/// key type is not `Sendable`; it is only ever read after `init` (BoringSSL signs from a const
/// key), hence the unchecked conformance.
final class PreparedSigningKey: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey
    let seed: [UInt8]
    let publicKey: [UInt8]

    init(seed: [UInt8]) throws(TalentCodeError) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .invalidKey("an Ed25519 private key is 32 bytes")
        }
        self.key = key
        self.seed = seed
        self.publicKey = Array(key.publicKey.rawRepresentation)
    }

    /// A fresh key from the system's secure generator.
    init() {
        key = Curve25519.Signing.PrivateKey()
        seed = Array(key.rawRepresentation)
        publicKey = Array(key.publicKey.rawRepresentation)
    }

    func sign(_ message: UnsafeRawBufferPointer) throws(TalentCodeError) -> [UInt8] {
        guard let signature = try? key.signature(for: message) else { throw .signingFailed }
        return Array(signature)
    }
}

/// A swift-crypto Ed25519 public key built once per published key; read-only after `init`,
/// like `PreparedSigningKey`.
final class PreparedVerifyingKey: @unchecked Sendable {
    let key: Curve25519.Signing.PublicKey

    init(raw: [UInt8]) throws(TalentCodeError) {
        guard raw.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw .invalidKey("an Ed25519 public key is 32 bytes")
        }
        self.key = key
    }

    func isValid(signature: [UInt8], for message: UnsafeRawBufferPointer) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}
