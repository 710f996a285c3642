/// Errors from building claims, keys, key files, JWKs and revocation lists.
/// (Verifying a code never throws: it answers with a `VerificationResult`.)
public enum TalentCodeError: Error, Equatable, Sendable {
    /// A short identifier is empty, too long, or not printable ASCII.
    case invalidField(String)
    /// Tiers A–C hold a talent card (英才卡), so their codes must carry its number.
    case missingCardNumber
    /// A time does not fit the payload (Unix seconds up to 2106), or expiry is not after issue.
    case invalidTime
    case invalidKey(String)
    case invalidKeyRing(String)
    case invalidKeyFile(line: Int, reason: String)
    case invalidJWK(String)
    case invalidRevocationList(String)
    case invalidPartnerFile(String)
    case signingFailed
}
