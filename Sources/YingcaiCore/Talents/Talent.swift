import Organisations
import WorkCalendar

/// A talent as every list and page shows it: identity and phone masked.
public struct Talent: Sendable, Equatable, Codable {
    public let id: Int64
    public let userId: Int64?
    public let name: String
    public let idType: IDType
    /// Masked (`500103********123X`) unless revealed to an admin.
    public let idNumber: String
    public let gender: String?
    public let nationality: String?
    /// Masked (`138****5678`) unless revealed to an admin.
    public let phone: String?
    public let email: String?
    public let employer: String
    public let districtCode: String
    public let education: Education
    public let title: String
    public let field: String
    public let categories: [String]
    public let honors: [String]
    public let arrivalDate: LocalDate?
    /// The tier of the latest certification while it is valid; nil once it lapses.
    public let tier: Tier?
    public let tierValidUntil: LocalDate?
    public let createdAt: Int64
    public let updatedAt: Int64
}

/// 人才层次: A 顶尖人才 … E, as `service-catalog.json` describes them.
public enum Tier: String, Sendable, Codable, CaseIterable, Comparable {
    case A, B, C, D, E
    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

public enum IDType: String, Sendable, Codable, CaseIterable {
    /// 居民身份证
    case residentId = "resident_id"
    /// 护照 (foreign talents)
    case passport
}

/// 人才认定: one certification of a talent into a tier.
public struct Certification: Sendable, Equatable, Codable {
    public let id: Int64
    public let talentId: Int64
    public let tier: Tier
    public let basis: String
    public let validFrom: LocalDate
    public let validUntil: LocalDate
    public let certifiedBy: Int64?
    public let createdAt: Int64
}
