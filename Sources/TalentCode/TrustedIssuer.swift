/// A city whose codes a verifier accepts (受信任签发方): its code, the name shown to staff,
/// and its published key set.
public struct TrustedIssuer: Sendable {
    /// City code (行政区划代码), e.g. "500000".
    public let cityCode: String
    /// Shown on a valid result, e.g. "重庆市", "成都市".
    public let displayName: String
    public let keys: JWKSet

    /// Throws if the city code is not short printable ASCII, or a key's `iss` names another city
    /// (a set filed under the wrong city is a configuration mistake, not something to guess around).
    public init(cityCode: String, displayName: String, keys: JWKSet) throws(TalentCodeError) {
        try ShortText.issuer.check(cityCode)
        for key in keys.keys where key.issuer != nil && key.issuer != cityCode {
            throw .invalidJWK("key \(key.kid) belongs to \(key.issuer!), not \(cityCode)")
        }
        self.cityCode = cityCode
        self.displayName = displayName
        self.keys = keys
    }
}
