import Crypto
import Synchronization

/// Seals personal data (ID numbers, phone numbers) for storage and finds it again by keyed hash.
///
/// A sealed value is `keyId ‖ nonce(12) ‖ ciphertext ‖ tag(16)`. The field name is bound in as
/// associated data, so a ciphertext copied from the phone column into the ID column fails to open.
/// After a rotation (`DataKeyRing`) the newest key seals and each key opens what it sealed; a value
/// sealed by a key this process does not hold makes it read its key file again once, and is then
/// an error that names the key (never a wrong plaintext).
public struct PersonalDataVault: Sendable {
    final class Keys: Sendable {
        let ring: Mutex<DataKeyRing>
        /// Reads the key ring again (the key file), when a rotation may have added a key.
        let reload: (@Sendable () -> DataKeyRing?)?
        init(_ ring: DataKeyRing, reload: (@Sendable () -> DataKeyRing?)?) {
            self.ring = Mutex(ring)
            self.reload = reload
        }
    }

    let keys: Keys

    public init(key: DataKey) { keys = Keys(DataKeyRing([key]), reload: nil) }

    public init(ring: DataKeyRing, reload: (@Sendable () -> DataKeyRing?)? = nil) {
        keys = Keys(ring, reload: reload)
    }

    /// The keys now.
    public var ring: DataKeyRing { keys.ring.withLock { $0 } }

    /// The key that seals now.
    public var key: DataKey { ring.current }

    /// Takes a key ring read again from its file, if it grew (another process rotated the key).
    @discardableResult
    public func reloadIfChanged() -> Bool {
        guard let fresh = keys.reload?() else { return false }
        return keys.ring.withLock { ring in
            guard fresh.keys.map(\.id) != ring.keys.map(\.id), fresh.first.base64 == ring.first.base64 else { return false }
            ring = fresh
            return true
        }
    }

    public func seal(_ plaintext: String, field: PersonalField) -> [UInt8] {
        let key = self.key
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
        var key = ring.key(id: sealed[0])
        if key == nil, reloadIfChanged() { key = ring.key(id: sealed[0]) }
        guard let key else { throw .unknownKey(sealed[0]) }
        do {
            let nonce = try AES.GCM.Nonce(data: sealed[1..<13])
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: sealed[13..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...])
            let plain = try AES.GCM.open(box, using: key.encryption, authenticating: Array(field.rawValue.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw .corrupt
        }
    }

    /// Whether `sealed` was sealed by the key that seals now (a rotation re-seals the others).
    public func isCurrent(_ sealed: [UInt8]) -> Bool { sealed.first == key.id }

    /// The keyed hash (HMAC-SHA256) by which a normalised value is found and kept unique; always
    /// under the first key's index subkey, so that rotating the data key changes no hash.
    public func index(_ normalised: String, field: PersonalField) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: ring.first.index)
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

public enum VaultError: Error, Sendable, Equatable, CustomStringConvertible {
    case corrupt
    case unknownKey(UInt8)

    public var description: String {
        switch self {
        case .corrupt: return "a sealed personal value does not open: it was changed, or sealed under another key with the same id"
        case .unknownKey(let id): return "a personal value is sealed under data key \(id), which this process does not hold: restore that key to the key file"
        }
    }
}
