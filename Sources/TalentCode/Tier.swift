/// Talent tier (人才层次), A highest to E. Tiers A–C hold the talent card (英才卡); D–E do not.
public enum Tier: UInt8, Sendable, CaseIterable, Comparable {
    case a = 0x41, b = 0x42, c = 0x43, d = 0x44, e = 0x45

    /// The tier letter, "A"…"E".
    public var letter: String { String(UnicodeScalar(rawValue)) }

    public init?(letter: String) {
        guard letter.utf8.count == 1, let byte = letter.utf8.first, let tier = Tier(rawValue: byte) else { return nil }
        self = tier
    }

    /// Whether holders of this tier carry a talent card (英才卡) and so a card number.
    public var holdsCard: Bool { self <= .c }

    public static func < (l: Tier, r: Tier) -> Bool { l.rawValue < r.rawValue }
}
