/// The rule for the short identifiers carried in codes, key files and JWKs: city codes, key ids,
/// card numbers. Printable ASCII without spaces, so they need no escaping anywhere they travel
/// (a QR payload, a `key=value` line, a JSON string) and have exactly one byte spelling.
struct ShortText: Sendable {
    let minLength: Int
    let maxLength: Int
    let field: String

    /// City code (行政区划代码), e.g. "500000" Chongqing, "510100" Chengdu.
    static let issuer = ShortText(minLength: 1, maxLength: 12, field: "issuer")
    /// Key id, e.g. "cq-2026-01".
    static let keyID = ShortText(minLength: 1, maxLength: 24, field: "kid")
    /// Talent card number (英才卡号); empty for tiers without a card.
    static let cardNumber = ShortText(minLength: 0, maxLength: 24, field: "card number")

    func accepts(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count >= minLength, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    func accepts(_ text: String) -> Bool { accepts(text.utf8) }

    func check(_ text: String) throws(TalentCodeError) {
        guard accepts(text) else { throw .invalidField(field) }
    }
}
