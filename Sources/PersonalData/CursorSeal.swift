import Crypto

/// The cursors a list hands its client for the next page: opaque and tamper-evident.
///
/// A list's position (an id; a deadline and an id; a district, a name and an id) travels with an
/// HMAC-SHA256 tag under a key derived from the data key, so every server of the city accepts the
/// cursors of the others and across restarts, while a cursor changed by hand is refused instead of
/// being read as some other position. `position.tag`, both parts base64url.
public struct CursorSeal: Sendable {
    private let keyBytes: [UInt8]
    private static let tagLength = 12

    public init(key: DataKey) {
        keyBytes = HKDF<SHA256>.deriveKey(inputKeyMaterial: key.index, info: Array("yingcai page cursors v1".utf8), outputByteCount: 32)
            .withUnsafeBytes { Array($0) }
    }

    public func seal(_ position: String) -> String {
        let bytes = Array(position.utf8)
        return Base64.encode(bytes, urlSafe: true) + "." + Base64.encode(tag(bytes), urlSafe: true)
    }

    /// The position sealed in `cursor`, or nil when it was not made here or has been changed.
    public func open(_ cursor: String) -> String? {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = Base64.decode(String(parts[0])), let given = Base64.decode(String(parts[1])),
              given.count == Self.tagLength else { return nil }
        guard ConstantTime.equal(tag(bytes), given) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private func tag(_ bytes: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: keyBytes)).prefix(Self.tagLength))
    }
}

/// Secrets compared in constant time: every byte is looked at whatever the first difference, so the
/// time a refusal takes says nothing about how much of a guess was right.
public enum ConstantTime {
    public static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        a.count == b.count && zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
