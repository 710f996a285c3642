import Identity
import Organisations
import WorkOrderRules

// The labels of the enumerations that live in the pure modules, for pages and spreadsheets.

extension WorkOrderState: Labelled {
    public var label: Label {
        Label(chinese, self == .inProgress ? "In progress" : rawValue.prefix(1).uppercased() + rawValue.dropFirst())
    }
}

extension WorkOrderCategory: Labelled {
    public var label: Label {
        switch self {
        case .service: Label("办事申请", "Application")
        case .inquiry: Label("咨询", "Inquiry")
        case .help: Label("求助", "Request for help")
        case .complaint: Label("投诉", "Complaint")
        case .suggestion: Label("建议", "Suggestion")
        }
    }
}

extension WorkbenchQueue: Labelled {
    public var label: Label { Label(chinese, english) }
}

extension Tier: Labelled {
    /// The catalog's tier names (A 顶尖人才 …).
    public var label: Label {
        let info = ReferenceCatalog.tiers.first { $0.code == rawValue }
        return Label("\(rawValue) 类 · \(info?.name ?? "")", "Tier \(rawValue) · \(info?.nameEn ?? "")")
    }
}

extension IDType: Labelled {
    public var label: Label {
        switch self {
        case .residentId: Label("居民身份证", "Resident ID card")
        case .passport: Label("护照", "Passport")
        }
    }
}

extension CardStatus: Labelled {
    public var label: Label { Label(chinese, rawValue.prefix(1).uppercased() + rawValue.dropFirst()) }
}

extension PayoutState: Labelled {
    public var label: Label {
        switch self {
        case .proposed: Label(chinese, "To confirm")
        case .confirmed: Label(chinese, "Confirmed, awaiting approval")
        case .approved: Label(chinese, "Approved, awaiting payment")
        case .paid: Label(chinese, "Paid")
        case .declined: Label(chinese, "Declined")
        }
    }
}

extension Role: Labelled {
    public var label: Label {
        switch self {
        case .talent: Label("人才", "Talent")
        case .butler: Label("人才管家", "Butler")
        case .dispatcher: Label("受理派单员", "Dispatcher")
        case .handler: Label("承办人员", "Handler")
        case .supervisor: Label("督办员", "Supervisor")
        case .reviewer: Label("评审专家", "Reviewer")
        case .admin: Label("管理员", "Administrator")
        case .leader: Label("领导", "Leader")
        case .verifier: Label("核验点", "Verifier")
        case .editor: Label("知识编辑", "Knowledge editor")
        }
    }
}

extension OrgKind: Labelled {
    public var label: Label {
        switch self {
        case .city: Label("市", "City")
        case .district: Label("区", "District")
        case .county: Label("县", "County")
        case .functionalZone: Label("功能区", "Functional zone")
        case .street: Label("街道（镇）", "Street or town")
        case .community: Label("社区", "Community")
        case .grid: Label("网格", "Grid")
        case .department: Label("部门", "Department")
        }
    }
}

/// Every labelled enumeration, for the test that each value has a code and two distinct labels.
public enum Vocabulary {
    public static let all: [(name: String, values: [(code: String, label: Label)])] = [
        ("channel", Channel.allCases.map { ($0.rawValue, $0.label) }),
        ("education", Education.allCases.map { ($0.rawValue, $0.label) }),
        ("state", WorkOrderState.allCases.map { ($0.rawValue, $0.label) }),
        ("category", WorkOrderCategory.allCases.map { ($0.rawValue, $0.label) }),
        ("queue", WorkbenchQueue.allCases.map { ($0.rawValue, $0.label) }),
        ("tier", Tier.allCases.map { ($0.rawValue, $0.label) }),
        ("idType", IDType.allCases.map { ($0.rawValue, $0.label) }),
        ("cardStatus", CardStatus.allCases.map { ($0.rawValue, $0.label) }),
        ("payoutState", PayoutState.allCases.map { ($0.rawValue, $0.label) }),
        ("role", Role.allCases.map { ($0.rawValue, $0.label) }),
        ("orgKind", OrgKind.allCases.map { ($0.rawValue, $0.label) }),
        ("serviceKind", ServiceKind.allCases.map { ($0.rawValue, $0.label) }),
        ("policyState", PolicyVersionState.allCases.map { ($0.rawValue, $0.label) }),
    ]
}

/// 服务类别 of a catalog item.
public enum ServiceKind: String, Labelled {
    case `public`
    case policy
    case market

    public var label: Label {
        switch self {
        case .public: Label("公共服务", "Public services")
        case .policy: Label("政策服务", "Policy services")
        case .market: Label("市场服务", "Market services")
        }
    }
}

extension PolicyVersionState: Labelled {
    public var label: Label {
        switch self {
        case .draft: Label("草稿", "Draft")
        case .checked: Label("已检查", "Checked")
        case .published: Label("已发布", "Published")
        case .superseded: Label("已被新版本取代", "Superseded")
        }
    }
}
