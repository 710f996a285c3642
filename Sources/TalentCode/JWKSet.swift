/// A JWK Set (RFC 7517 §5), `{"keys":[…]}`: what a city publishes so anyone can verify its codes,
/// online or offline (成渝互认: Chongqing and Chengdu publish theirs to each other).
public struct JWKSet: Sendable, Hashable {
    public let keys: [PublicJWK]

    public init(keys: [PublicJWK]) {
        self.keys = keys
    }

    /// Compact JSON, one key after another in the given order.
    public var json: String {
        "{\"keys\":[" + keys.map(\.json).joined(separator: ",") + "]}"
    }

    /// Parses a set; refuses if any key is refused by `PublicJWK.parse` or two keys share a kid.
    /// Strict on every key (not skipping bad ones) so a damaged set is noticed, not half-trusted.
    public static func parse(_ text: String) throws(TalentCodeError) -> JWKSet {
        guard let value = JSON.parse(text) else { throw .invalidJWK("not JSON") }
        return try from(value)
    }

    static func from(_ value: JSON) throws(TalentCodeError) -> JWKSet {
        guard case .array(let items)? = value["keys"] else { throw .invalidJWK("keys must be an array") }
        var keys: [PublicJWK] = []
        for item in items { keys.append(try PublicJWK.from(item)) }
        guard Set(keys.map(\.kid)).count == keys.count else { throw .invalidJWK("duplicate kid") }
        return JWKSet(keys: keys)
    }
}
