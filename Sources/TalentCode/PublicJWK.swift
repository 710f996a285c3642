/// An issuer's public key as a JSON Web Key (RFC 7517) of type OKP / Ed25519 (RFC 8037):
///
///     {"kty":"OKP","crv":"Ed25519","x":"<base64url 32 bytes>","kid":"cq-2026-01","use":"sig","alg":"EdDSA","iss":"500000"}
///
/// `iss` is our member (not registered for JWKs): the city code (行政区划代码) the key
/// belongs to, so a key set cannot silently be filed under another city.
public struct PublicJWK: Sendable, Hashable {
    public let kid: String
    /// City code; nil when the JWK came without `iss` (then the `TrustedIssuer` it is filed under names it).
    public let issuer: String?
    /// 32 bytes, RFC 8037's "x".
    public let publicKey: [UInt8]

    init(kid: String, issuer: String?, publicKey: [UInt8]) {
        self.kid = kid
        self.issuer = issuer
        self.publicKey = publicKey
    }

    /// Throws unless the kid (and issuer, if given) are short printable ASCII and the key is 32 bytes.
    public init(kid: String, issuer: String?, x: [UInt8]) throws(TalentCodeError) {
        try ShortText.keyID.check(kid)
        if let issuer { try ShortText.issuer.check(issuer) }
        guard x.count == 32 else { throw .invalidJWK("x must be 32 bytes") }
        self.init(kid: kid, issuer: issuer, publicKey: x)
    }

    /// The JWK's members, in the order shown above: the one place a JWK is spelled out.
    public var members: [(name: String, value: String)] {
        var members = [("kty", "OKP"), ("crv", "Ed25519"), ("x", Base64URL.encode(publicKey)),
                       ("kid", kid), ("use", "sig"), ("alg", "EdDSA")]
        if let issuer { members.append(("iss", issuer)) }
        return members
    }

    /// Compact JSON, members in the order shown above.
    public var json: String { JSON.renderObject(members.map { ($0.name, $0.value) }) }

    /// Parses one JWK. Refuses: kty other than "OKP", crv other than "Ed25519", x not canonical
    /// base64url or not 32 bytes, a missing or bad kid, `use` other than "sig", `alg` other than
    /// "EdDSA", and any private part `d` (a published set must never carry one). Other members are ignored.
    public static func parse(_ text: String) throws(TalentCodeError) -> PublicJWK {
        guard let value = JSON.parse(text) else { throw .invalidJWK("not JSON") }
        return try from(value)
    }

    static func from(_ v: JSON) throws(TalentCodeError) -> PublicJWK {
        guard case .object = v else { throw .invalidJWK("not an object") }
        guard v["kty"]?.string == "OKP" else { throw .invalidJWK("kty must be OKP") }
        guard v["crv"]?.string == "Ed25519" else { throw .invalidJWK("crv must be Ed25519") }
        guard v["d"] == nil else { throw .invalidJWK("private key in a public JWK") }
        if let use = v["use"], use.string != "sig" { throw .invalidJWK("use must be sig") }
        if let alg = v["alg"], alg.string != "EdDSA" { throw .invalidJWK("alg must be EdDSA") }
        guard let xText = v["x"]?.string, let x = Base64URL.decode(xText) else { throw .invalidJWK("x must be base64url") }
        guard let kid = v["kid"]?.string else { throw .invalidJWK("kid missing") }
        var issuer: String?
        if let iss = v["iss"] {
            guard let s = iss.string else { throw .invalidJWK("iss must be a string") }
            issuer = s
        }
        do {
            return try PublicJWK(kid: kid, issuer: issuer, x: x)
        } catch {
            throw .invalidJWK("\(error)")
        }
    }
}
