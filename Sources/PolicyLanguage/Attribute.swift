/// The facts about a talent that a rule may read. The set is closed on purpose: the bulk run
/// resolves each one to a fixed slot of `Subject`, so no name is looked up while evaluating.
public enum Attribute: String, CaseIterable, Hashable, Sendable {
    case tier
    case categories
    case honors
    case education
    case title
    case field
    case district
    case arrivalDate = "arrival_date"
    case birthDate = "birth_date"
    case age
    case yearsSinceArrival = "years_since_arrival"
    case monthsSinceArrival = "months_since_arrival"
    case certifiedOn = "certified_on"
    case tierValidUntil = "tier_valid_until"
    case payouts
    case paidTotal = "paid_total"
    case today

    /// The name as written in policy source.
    public var spelling: String { rawValue }

    public init?(spelling: String) {
        self.init(rawValue: spelling)
    }

    public var type: ValueType {
        switch self {
        case .tier, .education, .title, .field, .district: return .text
        case .categories, .honors: return .textList
        case .arrivalDate, .birthDate, .certifiedOn, .tierValidUntil, .today: return .date
        case .age, .yearsSinceArrival, .monthsSinceArrival, .payouts, .paidTotal: return .integer
        }
    }

    /// How explanations name the attribute to a person.
    public var label: Bilingual {
        switch self {
        case .tier: return Bilingual("层次", "tier")
        case .categories: return Bilingual("人才类别", "categories")
        case .honors: return Bilingual("荣誉", "honours")
        case .education: return Bilingual("学历", "education")
        case .title: return Bilingual("职称", "professional title")
        case .field: return Bilingual("领域", "field")
        case .district: return Bilingual("工作单位所在区县", "employer district")
        case .arrivalDate: return Bilingual("来渝日期", "arrival date")
        case .birthDate: return Bilingual("出生日期", "birth date")
        case .age: return Bilingual("年龄", "age")
        case .yearsSinceArrival: return Bilingual("来渝年数", "years since arrival")
        case .monthsSinceArrival: return Bilingual("来渝月数", "months since arrival")
        case .certifiedOn: return Bilingual("认定日期", "certification date")
        case .tierValidUntil: return Bilingual("层次有效期", "tier valid until")
        case .payouts: return Bilingual("本政策已发放次数", "earlier payouts of this policy")
        case .paidTotal: return Bilingual("本政策已发放金额", "amount already paid by this policy")
        case .today: return Bilingual("评估日期", "evaluation date")
        }
    }

    /// Lists are empty rather than missing, and counters and the evaluation date always exist.
    public var canBeMissing: Bool {
        switch self {
        case .categories, .honors, .payouts, .paidTotal, .today: return false
        default: return true
        }
    }
}
