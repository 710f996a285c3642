/// One issuer signing key (签名密钥): Ed25519, named by a key id.
///
/// The private key never appears in `description`, `debugDescription` or a mirror (so not in
/// logs, `dump`, or test failure output); it leaves the process only through `KeyFile`.
public struct SigningKeyPair: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Key id, e.g. "cq-2026-01".
    public let kid: String
    /// City code of the issuer, e.g. "500000".
    public let issuer: String
    /// Unix seconds.
    public let created: UInt64
    let prepared: PreparedSigningKey

    /// Rebuilds a key from its 32 private bytes (the Ed25519 seed, RFC 8037's "d").
    public init(kid: String, issuer: String, privateKey: [UInt8], created: UInt64) throws(TalentCodeError) {
        try ShortText.keyID.check(kid)
        try ShortText.issuer.check(issuer)
        self.kid = kid
        self.issuer = issuer
        self.created = created
        self.prepared = try PreparedSigningKey(seed: privateKey)
    }

    /// A fresh random key.
    public static func generate(kid: String, issuer: String, created: UInt64) throws(TalentCodeError) -> SigningKeyPair {
        try SigningKeyPair(kid: kid, issuer: issuer, prepared: PreparedSigningKey(), created: created)
    }

    private init(kid: String, issuer: String, prepared: PreparedSigningKey, created: UInt64) throws(TalentCodeError) {
        try ShortText.keyID.check(kid)
        try ShortText.issuer.check(issuer)
        self.kid = kid
        self.issuer = issuer
        self.created = created
        self.prepared = prepared
    }

    /// The 32 private bytes. Only for writing a key file.
    public var privateKeyBytes: [UInt8] { prepared.seed }
    /// The 32 public bytes (RFC 8037's "x").
    public var publicKeyBytes: [UInt8] { prepared.publicKey }

    /// The public half as a JWK.
    public var publicJWK: PublicJWK {
        PublicJWK(kid: kid, issuer: issuer, publicKey: publicKeyBytes)
    }

    public var description: String {
        "SigningKeyPair(kid: \(kid), issuer: \(issuer), created: \(created), x: \(Base64URL.encode(publicKeyBytes)), d: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["kid": kid, "issuer": issuer, "created": created,
                                "publicKey": Base64URL.encode(publicKeyBytes)], displayStyle: .struct)
    }
}

extension SigningKeyPair: Equatable {
    public static func == (l: SigningKeyPair, r: SigningKeyPair) -> Bool {
        l.kid == r.kid && l.issuer == r.issuer && l.created == r.created && l.publicKeyBytes == r.publicKeyBytes  // same seed ⇔ same public key; no secret compared
    }
}
