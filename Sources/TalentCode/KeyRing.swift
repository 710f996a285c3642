/// An issuer's signing keys (密钥环): exactly one active key signs; retired keys are still
/// published, so codes and revocation lists they signed keep verifying, until their
/// retire-after time.
///
/// A value: `rotate` and `pruned` return new rings, so a ring in use is never half-changed.
public struct KeyRing: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Signs new codes and revocation lists.
        case active
        /// Signs nothing; published (still verifies) until `retireAfter`, Unix seconds.
        case retired(retireAfter: UInt64)
    }

    public struct Entry: Sendable, Equatable {
        public let key: SigningKeyPair
        public let status: Status

        public init(key: SigningKeyPair, status: Status) {
            self.key = key
            self.status = status
        }
    }

    /// City code of the issuer; every key in the ring belongs to it.
    public let issuer: String
    /// Active key first, then retired keys, newest first.
    public let entries: [Entry]
    /// The key that signs.
    public let active: SigningKeyPair

    /// Throws unless there is exactly one active key, key ids are unique, and every key is the issuer's.
    public init(issuer: String, entries: [Entry]) throws(TalentCodeError) {
        try ShortText.issuer.check(issuer)
        let actives = entries.filter { $0.status == .active }
        guard actives.count == 1 else { throw .invalidKeyRing("exactly one key must be active, found \(actives.count)") }
        guard Set(entries.map(\.key.kid)).count == entries.count else { throw .invalidKeyRing("duplicate kid") }
        guard entries.allSatisfy({ $0.key.issuer == issuer }) else { throw .invalidKeyRing("a key belongs to another issuer") }
        self.issuer = issuer
        self.active = actives[0].key
        self.entries = actives + entries.filter { $0.status != .active }.sorted { $0.key.created > $1.key.created }
    }

    /// A new ring with one fresh active key.
    public static func generate(issuer: String, kid: String, now: UInt64) throws(TalentCodeError) -> KeyRing {
        try KeyRing(issuer: issuer, entries: [Entry(key: .generate(kid: kid, issuer: issuer, created: now), status: .active)])
    }

    /// A new ring whose active key is fresh (`newKid`), the old active key retired and still
    /// published for `keepRetiredFor` seconds. The default, one day, outlives every code
    /// (120 s) and gives offline verifiers a day to fetch the new key set.
    public func rotate(newKid: String, now: UInt64, keepRetiredFor: UInt64 = 86_400) throws(TalentCodeError) -> KeyRing {
        guard !entries.contains(where: { $0.key.kid == newKid }) else { throw .invalidKeyRing("kid \(newKid) already used") }
        let fresh = try SigningKeyPair.generate(kid: newKid, issuer: issuer, created: now)
        let (retireAfter, overflow) = now.addingReportingOverflow(keepRetiredFor)
        let demoted = entries.map { e in
            e.status == .active ? Entry(key: e.key, status: .retired(retireAfter: overflow ? .max : retireAfter)) : e
        }
        return try KeyRing(issuer: issuer, entries: [Entry(key: fresh, status: .active)] + demoted)
    }

    /// Keys still published at `now`: the active key and retired keys not yet past retire-after.
    public func published(now: UInt64) -> [SigningKeyPair] {
        entries.filter { e in
            if case .retired(let after) = e.status { return now < after }
            return true
        }.map(\.key)
    }

    /// This ring without the keys past their retire-after time.
    public func pruned(now: UInt64) -> KeyRing {
        let kept = Set(published(now: now).map(\.kid))
        // Cannot throw: the active key stays and nothing else changes.
        return try! KeyRing(issuer: issuer, entries: entries.filter { kept.contains($0.key.kid) })
    }

    /// The public JWK set (RFC 7517/8037) to publish at `now`.
    public func jwkSet(now: UInt64) -> JWKSet {
        JWKSet(keys: published(now: now).map(\.publicJWK))
    }

    /// The key with this id, active or retired.
    public func key(kid: String) -> SigningKeyPair? {
        entries.first { $0.key.kid == kid }?.key
    }
}
