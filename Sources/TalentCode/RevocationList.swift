/// An issuer's signed list of revoked talent cards (英才卡注销名单), for verifiers that work offline.
///
/// Text form: `YCRL1.` + base64url(payload) + `.` + base64url(Ed25519 signature over the ASCII
/// bytes `YCRL1.` + base64url(payload)), signed by the issuer's active key and verified with the
/// same published key sets as codes. Payload, version 1 (integers big-endian, "text" is one
/// length byte then printable ASCII):
///
/// | field        | bytes     | notes                                                    |
/// |--------------|-----------|----------------------------------------------------------|
/// | version      | 1         | `0x01`                                                   |
/// | issuer       | 1 + 1…12  | city code                                                |
/// | key id       | 1 + 1…24  | the signing key                                          |
/// | sequence     | 8         | grows with every list; a lower one is a rollback         |
/// | issued-at    | 4         | Unix seconds                                             |
/// | next-update  | 4         | Unix seconds; from then on the list is stale             |
/// | count        | 4         | number of card numbers                                   |
/// | card numbers | count × (1 + 1…24) | strictly ascending bytewise: one encoding per list |
public struct RevocationList: Sendable, Equatable {
    public static let prefix: StaticString = "YCRL1."
    static let version: UInt8 = 1

    /// City code of the issuer whose cards these are.
    public let issuer: String
    /// Increases with every list the issuer publishes.
    public let sequence: UInt64
    /// Unix seconds.
    public let issuedAt: UInt64
    /// Unix seconds; a verifier should have fetched a newer list by then.
    public let nextUpdate: UInt64
    public let cardNumbers: Set<String>

    /// Throws unless the issuer and every card number are short printable ASCII (card numbers
    /// non-empty), `issuedAt ≤ nextUpdate ≤ UInt32.max`.
    public init(issuer: String, sequence: UInt64, issuedAt: UInt64, nextUpdate: UInt64,
                cardNumbers: Set<String>) throws(TalentCodeError) {
        try ShortText.issuer.check(issuer)
        for card in cardNumbers {
            try ShortText.cardNumber.check(card)
            if card.isEmpty { throw .invalidRevocationList("empty card number") }
        }
        guard issuedAt <= nextUpdate, nextUpdate <= UInt64(UInt32.max) else { throw .invalidTime }
        self.issuer = issuer
        self.sequence = sequence
        self.issuedAt = issuedAt
        self.nextUpdate = nextUpdate
        self.cardNumbers = cardNumbers
    }

    public func isRevoked(cardNumber: String) -> Bool {
        !cardNumber.isEmpty && cardNumbers.contains(cardNumber)
    }

    /// Past next-update: still applied (an old list beats none), but the verifier should say so.
    public func isStale(now: UInt64) -> Bool { now >= nextUpdate }

    /// The signed text, signed by the ring's active key; the ring must be this list's issuer's.
    public func signed(by ring: KeyRing) throws(TalentCodeError) -> String {
        guard ring.issuer == issuer else { throw .invalidRevocationList("ring of \(ring.issuer) cannot sign for \(issuer)") }
        let key = ring.active
        var w = ByteWriter(capacity: 32 + cardNumbers.count * 12)
        w.u8(Self.version)
        w.text(issuer)
        w.text(key.kid)
        w.u64(sequence)
        w.u32(UInt32(issuedAt))
        w.u32(UInt32(nextUpdate))
        w.u32(UInt32(cardNumbers.count))
        for card in cardNumbers.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { w.text(card) }
        let prepared = key.prepared
        do {
            return try SignedEnvelope.seal(prefix: Self.prefix, payload: w.bytes) { try prepared.sign($0) }
        } catch {
            throw .signingFailed
        }
    }

    /// Decodes a payload; returns the list and the key id that signed it, nil if malformed.
    static func decode(_ bytes: [UInt8]) -> (RevocationList, keyID: String)? {
        var r = ByteReader(bytes)
        guard r.u8() == version,
              let issuer = r.text(.issuer),
              let keyID = r.text(.keyID),
              let sequence = r.u64(),
              let issuedAt = r.u32(),
              let nextUpdate = r.u32(),
              let count = r.u32(), Int(count) <= bytes.count / 2  // each card takes ≥ 2 bytes
        else { return nil }
        var cards: [String] = []
        cards.reserveCapacity(Int(count))
        for _ in 0 ..< count {
            guard let card = r.text(.cardNumber), !card.isEmpty else { return nil }
            if let last = cards.last, !last.utf8.lexicographicallyPrecedes(card.utf8) { return nil }
            cards.append(card)
        }
        guard r.isAtEnd,
              let list = try? RevocationList(issuer: issuer, sequence: sequence, issuedAt: UInt64(issuedAt),
                                             nextUpdate: UInt64(nextUpdate), cardNumbers: Set(cards))
        else { return nil }
        return (list, keyID)
    }
}

/// Where a verifier finds the revocation list for a code's issuer.
public protocol RevocationSource: Sendable {
    func revocationList(for issuer: String) -> RevocationList?
}

extension RevocationList: RevocationSource {
    /// Itself for its own issuer; a list never revokes another city's cards.
    public func revocationList(for issuer: String) -> RevocationList? {
        issuer == self.issuer ? self : nil
    }
}
