/// The compact binary payload of a talent code, version 1.
///
/// Field by field (integers big-endian; "text" is one length byte then printable ASCII):
///
/// | # | field          | bytes        | notes                                              |
/// |---|----------------|--------------|----------------------------------------------------|
/// | 1 | version        | 1            | `0x01`; anything else is refused                   |
/// | 2 | issuer         | 1 + 1…12     | city code, e.g. "500000"                           |
/// | 3 | key id         | 1 + 1…24     | e.g. "cq-2026-01"                                  |
/// | 4 | talent id      | 16           | pseudonymous                                       |
/// | 5 | tier           | 1            | ASCII 'A'…'E'                                      |
/// | 6 | card number    | 1 + 0…24     | empty only for tiers D–E                           |
/// | 7 | entitlements   | 4            | `Entitlements` bit mask                            |
/// | 8 | issued-at      | 4            | Unix seconds (UInt32, to 2106)                     |
/// | 9 | expires-at     | 4            | Unix seconds, strictly after issued-at             |
/// |10 | nonce          | 8            | random                                             |
///
/// 67 bytes for "500000" / "cq-2026-01" / a 10-character card; at most 101 bytes (a 226-character code).
/// Binary rather than JSON because every byte costs QR modules, and a fixed layout
/// has exactly one encoding, so nothing outside the signature can vary.
enum ClaimsPayload {
    static let version: UInt8 = 1

    static func encode(_ c: TalentClaims) -> [UInt8] {
        var w = ByteWriter(capacity: 80)
        w.u8(version)
        w.text(c.issuer)
        w.text(c.keyID)
        w.u64(c.talentID.high)
        w.u64(c.talentID.low)
        w.u8(c.tier.rawValue)
        w.text(c.cardNumber)
        w.u32(c.entitlements.rawValue)
        w.u32(UInt32(c.issuedAt))  // TalentClaims guarantees both fit
        w.u32(UInt32(c.expiresAt))
        w.u64(c.nonce)
        return w.bytes
    }

    /// Nil for an unknown version, a bad field, a wrong length or trailing bytes.
    static func decode(_ bytes: [UInt8]) -> TalentClaims? {
        var r = ByteReader(bytes)
        guard r.u8() == version,
              let issuer = r.text(.issuer),
              let keyID = r.text(.keyID),
              let high = r.u64(), let low = r.u64(),
              let tierByte = r.u8(), let tier = Tier(rawValue: tierByte),
              let card = r.text(.cardNumber),
              let entitlements = r.u32(),
              let issuedAt = r.u32(),
              let expiresAt = r.u32(),
              let nonce = r.u64(),
              r.isAtEnd,
              let holder = try? CodeHolder(talentID: TalentID(high: high, low: low), tier: tier,
                                           cardNumber: card, entitlements: Entitlements(rawValue: entitlements))
        else { return nil }
        return try? TalentClaims(issuer: issuer, keyID: keyID, holder: holder,
                                 issuedAt: UInt64(issuedAt), expiresAt: UInt64(expiresAt), nonce: nonce)
    }
}
