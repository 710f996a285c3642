/// What a code says about its holder (持码人): the part the server supplies when issuing.
public struct CodeHolder: Sendable, Hashable {
    public let talentID: TalentID
    public let tier: Tier
    /// Talent card number (英才卡号); empty for tiers D–E, which have no card.
    public let cardNumber: String
    public let entitlements: Entitlements

    /// Throws if the card number is not short printable ASCII, or is empty for a card-holding tier (A–C).
    public init(talentID: TalentID, tier: Tier, cardNumber: String, entitlements: Entitlements) throws(TalentCodeError) {
        try ShortText.cardNumber.check(cardNumber)
        if tier.holdsCard && cardNumber.isEmpty { throw .missingCardNumber }
        self.talentID = talentID
        self.tier = tier
        self.cardNumber = cardNumber
        self.entitlements = entitlements
    }
}
