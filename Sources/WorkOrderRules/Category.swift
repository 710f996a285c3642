/// What the requester asked for (诉求类别); it fixes the handling limit (办理时限).
public enum WorkOrderCategory: String, Sendable, Codable, CaseIterable {
    /// 政务服务事项申请: an application for a catalogue item, due within the item's promised days.
    case service
    /// 咨询
    case inquiry
    /// 求助
    case help
    /// 投诉
    case complaint
    /// 建议
    case suggestion

    public var chinese: String {
        switch self {
        case .service: "办事申请"
        case .inquiry: "咨询"
        case .help: "求助"
        case .complaint: "投诉"
        case .suggestion: "建议"
        }
    }

    /// The RULES.md limit in working days, or `nil` for a service application, whose limit is
    /// the catalogue item's promise (承诺时限) rather than the category's.
    public var standardHandlingWorkdays: Int? {
        switch self {
        case .service: nil
        case .inquiry: 3
        case .help: 5
        case .complaint: 10
        case .suggestion: 15
        }
    }
}
