import Crypto

/// Seals personal data (ID numbers, phone numbers) for storage and finds it again by keyed hash.
///
/// A sealed value is `keyId ‖ nonce(12) ‖ ciphertext ‖ tag(16)`. The field name is bound in as
/// associated data, so a ciphertext copied from the phone column into the ID column fails to open.
public struct PersonalDataVault: Sendable {
    public let key: DataKey

    public init(key: DataKey) { self.key = key }

    public func seal(_ plaintext: String, field: PersonalField) -> [UInt8] {
        let box = try! AES.GCM.seal(Array(plaintext.utf8), using: key.encryption, authenticating: Array(field.rawValue.utf8))
        var out: [UInt8] = [key.id]
        out.reserveCapacity(1 + 12 + plaintext.utf8.count + 16)
        out.append(contentsOf: box.nonce)
        out.append(contentsOf: box.ciphertext)
        out.append(contentsOf: box.tag)
        return out
    }

    public func open(_ sealed: [UInt8], field: PersonalField) throws(VaultError) -> String {
        guard sealed.count >= 1 + 12 + 16 else { throw .corrupt }
        guard sealed[0] == key.id else { throw .unknownKey(sealed[0]) }
        do {
            let nonce = try AES.GCM.Nonce(data: sealed[1..<13])
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: sealed[13..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...])
            let plain = try AES.GCM.open(box, using: key.encryption, authenticating: Array(field.rawValue.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw .corrupt
        }
    }

    /// The keyed hash (HMAC-SHA256) by which a normalised value is found and kept unique.
    public func index(_ normalised: String, field: PersonalField) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key.index)
        hmac.update(data: Array(field.rawValue.utf8))
        hmac.update(data: [0])
        hmac.update(data: Array(normalised.utf8))
        return Array(hmac.finalize())
    }
}

/// Which personal field a value belongs to; part of the associated data and of the hash input.
public enum PersonalField: String, Sendable {
    case idNumber = "talent.idNumber"
    case phone = "talent.phone"
    /// A work order's personal values (its form's personal fields, numbers written into its text), as JSON.
    case orderPersonal = "order.personal"
}

public enum VaultError: Error, Sendable, Equatable {
    case corrupt
    case unknownKey(UInt8)
}
