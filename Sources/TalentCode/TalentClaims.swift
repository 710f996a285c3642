/// Everything a talent code (人才码) asserts, as signed by its issuing city.
public struct TalentClaims: Sendable, Hashable {
    /// Issuing city code (行政区划代码), e.g. "500000" for Chongqing.
    public let issuer: String
    /// Id of the signing key within the issuer's key set.
    public let keyID: String
    public let holder: CodeHolder
    /// Unix seconds.
    public let issuedAt: UInt64
    /// Unix seconds; the code is refused from this second on.
    public let expiresAt: UInt64
    /// Random per code, so two codes for the same holder differ and a replay can be recognised.
    public let nonce: UInt64

    public var talentID: TalentID { holder.talentID }
    public var tier: Tier { holder.tier }
    public var cardNumber: String { holder.cardNumber }
    public var entitlements: Entitlements { holder.entitlements }

    /// Throws unless issuer and key id are short printable ASCII and
    /// `issuedAt < expiresAt ≤ UInt32.max` (the payload stores 32-bit seconds: good until 2106).
    public init(issuer: String, keyID: String, holder: CodeHolder,
                issuedAt: UInt64, expiresAt: UInt64, nonce: UInt64) throws(TalentCodeError) {
        try ShortText.issuer.check(issuer)
        try ShortText.keyID.check(keyID)
        guard issuedAt < expiresAt, expiresAt <= UInt64(UInt32.max) else { throw .invalidTime }
        self.issuer = issuer
        self.keyID = keyID
        self.holder = holder
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.nonce = nonce
    }
}
