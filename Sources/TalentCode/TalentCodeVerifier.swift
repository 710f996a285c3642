/// Checks talent codes (验码), online or offline, against the trusted cities' published keys.
///
/// Built once from the key sets; each key is prepared up front and found by a dictionary
/// lookup on (city, kid), so a check costs one Ed25519 verification plus a few hundred
/// nanoseconds of parsing.
public struct TalentCodeVerifier: Sendable {
    struct IssuerKeys: Sendable {
        let displayName: String
        let keys: [String: PreparedVerifyingKey]
    }

    let issuers: [String: IssuerKeys]
    /// How far in the future issued-at may lie, seconds: the holder's phone clock may run ahead.
    public let clockSkew: UInt64

    /// A later entry for the same city replaces an earlier one.
    public init(trusted: [TrustedIssuer], clockSkew: UInt64 = 30) {
        var issuers: [String: IssuerKeys] = [:]
        for t in trusted {
            var keys: [String: PreparedVerifyingKey] = [:]
            for jwk in t.keys.keys {
                // Cannot fail: a PublicJWK always holds 32 bytes.
                keys[jwk.kid] = try? PreparedVerifyingKey(raw: jwk.publicKey)
            }
            issuers[t.cityCode] = IssuerKeys(displayName: t.displayName, keys: keys)
        }
        self.issuers = issuers
        self.clockSkew = clockSkew
    }

    /// Checks a code without replay protection.
    public func verify(_ token: String, now: UInt64, revocations: (any RevocationSource)? = nil) -> VerificationResult {
        inspect(token, now: now, revocations: revocations).result
    }

    /// Checks a code, remembering it in `replayGuard`.
    public func verify(_ token: String, now: UInt64, revocations: (any RevocationSource)? = nil,
                       replayGuard: inout ReplayGuard) -> VerificationResult {
        let result = inspect(token, now: now, revocations: revocations).result
        guard case .valid(let claims, _) = result else { return result }
        // Mutated in place: copying the guard first would copy its whole table on every code.
        return replayGuard.admit(nonce: claims.nonce, expiresAt: claims.expiresAt, now: now) ? result : .refused(.replayed)
    }

    /// Checks a code. In order: well-formed, trusted city, known key, signature, not yet valid,
    /// expired, revoked card, replay (only when a guard is given). Only a code that passes
    /// everything is recorded in the guard, so a refused code cannot use up a genuine one.
    public func verify(_ token: String, now: UInt64, revocations: (any RevocationSource)?,
                       replayGuard: inout ReplayGuard?) -> VerificationResult {
        let result = inspect(token, now: now, revocations: revocations).result
        guard case .valid(let claims, _) = result, replayGuard != nil else { return result }
        return replayGuard!.admit(nonce: claims.nonce, expiresAt: claims.expiresAt, now: now) ? result : .refused(.replayed)
    }

    /// Everything but the replay check, with the claims whenever the signature held — also for a
    /// code refused as not yet valid, expired or revoked (an online verifier logs whose it was).
    /// `claims` is nil for a code that could be anyone's (malformed, untrusted, forged).
    public func inspect(_ token: String, now: UInt64,
                        revocations: (any RevocationSource)?) -> (result: VerificationResult, claims: TalentClaims?) {
        let checked = SignedEnvelope.open(token, prefix: TalentCodeSigner.prefix) { envelope, signed -> VerificationResult in
            guard let claims = ClaimsPayload.decode(envelope.payload) else { return .refused(.malformed) }
            guard let issuer = issuers[claims.issuer] else { return .refused(.unknownIssuer) }
            guard let key = issuer.keys[claims.keyID] else { return .refused(.unknownKey) }
            guard key.isValid(signature: envelope.signature, for: signed) else { return .refused(.badSignature) }
            return .valid(claims, issuerName: issuer.displayName)
        }
        guard let checked else { return (.refused(.malformed), nil) }
        guard case .valid(let claims, _) = checked else { return (checked, nil) }

        if claims.issuedAt > now &+ clockSkew { return (.refused(.notYetValid), claims) }
        if now >= claims.expiresAt { return (.refused(.expired), claims) }
        if let list = revocations?.revocationList(for: claims.issuer), list.isRevoked(cardNumber: claims.cardNumber) {
            return (.refused(.revokedCard), claims)
        }
        return (checked, claims)
    }

    /// Verifies a signed revocation list against the same trusted keys as codes.
    public func verifyRevocationList(_ text: String) -> Result<RevocationList, RevocationListRefusal> {
        let checked = SignedEnvelope.open(text, prefix: RevocationList.prefix) { envelope, signed -> Result<RevocationList, RevocationListRefusal> in
            guard let (list, keyID) = RevocationList.decode(envelope.payload) else { return .failure(.malformed) }
            guard let issuer = issuers[list.issuer] else { return .failure(.unknownIssuer) }
            guard let key = issuer.keys[keyID] else { return .failure(.unknownKey) }
            guard key.isValid(signature: envelope.signature, for: signed) else { return .failure(.badSignature) }
            return .success(list)
        }
        return checked ?? .failure(.malformed)
    }

    /// The display name of a trusted city, e.g. "成都市" for "510100".
    public func displayName(of cityCode: String) -> String? { issuers[cityCode]?.displayName }
}
