/// Issues talent codes (签发人才码).
///
/// A code is `YC1.` + base64url(`ClaimsPayload`) + `.` + base64url(Ed25519 signature over the
/// ASCII bytes `YC1.` + base64url(payload)). About 180 characters (181 with a 10-character
/// card number): a version-10 QR code at level M, or version 9 at level L, in byte mode.
public enum TalentCodeSigner {
    /// The text every code starts with; its "1" is the format version.
    public static let prefix: StaticString = "YC1."
    /// How long a code stays valid, seconds.
    public static let lifetime: UInt64 = 120
    /// How often the holder's app should show a fresh code, seconds: half the lifetime, so a
    /// code on screen always has at least a minute left.
    public static let refreshInterval: UInt64 = 60

    /// Signs a code for `holder` with the ring's active key, valid from `now` for `lifetime` seconds.
    /// `nonce` is for tests; by default a fresh random one from the system's secure generator.
    public static func issue(_ holder: CodeHolder, ring: KeyRing, now: UInt64,
                             lifetime: UInt64 = lifetime, nonce: UInt64? = nil) throws(TalentCodeError) -> String {
        let key = ring.active
        var rng = SystemRandomNumberGenerator()
        let (expiresAt, overflow) = now.addingReportingOverflow(lifetime)
        guard !overflow else { throw .invalidTime }
        let claims = try TalentClaims(issuer: key.issuer, keyID: key.kid, holder: holder,
                                      issuedAt: now, expiresAt: expiresAt, nonce: nonce ?? rng.next())
        return try sign(claims, with: key)
    }

    /// Signs exactly these claims; the key must be the one the claims name.
    /// (Public for tests and tools that must craft odd codes; servers use `issue`.)
    public static func sign(_ claims: TalentClaims, with key: SigningKeyPair) throws(TalentCodeError) -> String {
        guard claims.issuer == key.issuer, claims.keyID == key.kid else { throw .invalidKey("claims name another key") }
        return try signUnchecked(claims, with: key)
    }

    /// Signs without checking that the claims name the key: only to forge codes in tests.
    static func signUnchecked(_ claims: TalentClaims, with key: SigningKeyPair) throws(TalentCodeError) -> String {
        let prepared = key.prepared
        do {
            return try SignedEnvelope.seal(prefix: prefix, payload: ClaimsPayload.encode(claims)) { message in
                try prepared.sign(message)
            }
        } catch let e as TalentCodeError {
            throw e
        } catch {
            throw .signingFailed
        }
    }
}
