/// 人才库: the talents of the user's area, found by name, ID or phone number (both masked).
struct TalentsPage: Sendable {
    struct Row: Sendable {
        let id: Int64
        let name: String
        let idNumber: String
        let tier: String
        let district: String
        let phone: String
    }

    let q: String
    let talents: [Row]
}

/// One talent: the record (numbers masked), the card and its actions, certification, and where
/// the talent's code was checked.
struct TalentPage: Sendable {
    struct Record: Sendable {
        let id: Int64
        let name: String
        let idNumber: String
        let phone: String
        let tier: String
        let tierValidUntil: String
        let district: String
        let employer: String
        let education: String
    }

    struct Card: Sendable {
        let number: String
        let status: String
        let statusName: String
        let validUntil: String
        let statusReason: String?
    }

    struct CardAction: Sendable {
        let name: String
        let label: String
        let needsReason: Bool
    }

    struct Certification: Sendable {
        let tier: String
        let validFrom: String
        let validUntil: String
        let basis: String
    }

    struct Verification: Sendable {
        let at: String
        let org: String
        let result: String
    }

    let talent: Record
    let card: Card?
    let cardActions: [CardAction]
    let tiers: [String]
    let certifications: [Certification]
    let verifications: [Verification]
    let error: String?
}
