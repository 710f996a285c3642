/// Where a work order stands in the 12351/12345 closed loop (工单状态).
///
/// The raw values are the API strings and are stored in the database, so they are a contract:
/// add cases, never rename a raw value.
public enum WorkOrderState: String, Sendable, Codable, CaseIterable {
    /// 已受理: recorded, waiting for a dispatcher.
    case received
    /// 已派单: with a lead organisation, waiting for it to sign for the order (签收).
    case dispatched
    /// 已退单: sent back by the organisation within the sign-for limit, waiting for a dispatcher.
    case returned
    /// 已签收: the lead organisation has taken it on.
    case accepted
    /// 办理中
    case inProgress = "in_progress"
    /// 已挂起: the handling clock is stopped (e.g. waiting for the requester's materials).
    case suspended
    /// 已办结: an answer is given, waiting for the requester's rating (好差评).
    case resolved
    /// 已回访: rated by the requester.
    case rated
    /// 重办: a bad-rated order sent back for handling once more.
    case reopened
    /// 已归档
    case closed
    /// 不予受理
    case rejected
    /// 已撤回
    case withdrawn

    public var chinese: String {
        switch self {
        case .received: "已受理"
        case .dispatched: "已派单"
        case .returned: "已退单"
        case .accepted: "已签收"
        case .inProgress: "办理中"
        case .suspended: "已挂起"
        case .resolved: "已办结"
        case .rated: "已回访"
        case .reopened: "重办"
        case .closed: "已归档"
        case .rejected: "不予受理"
        case .withdrawn: "已撤回"
        }
    }

    /// Words for messages: "in progress" reads better than the raw `in_progress`.
    public var english: String {
        self == .inProgress ? "in progress" : rawValue
    }

    /// Before resolution and not terminal: the order is still being worked on, so the requester
    /// may withdraw it and a supervisor may urge it.
    public var isOpen: Bool {
        switch self {
        case .received, .dispatched, .returned, .accepted, .inProgress, .suspended, .reopened: true
        case .resolved, .rated, .closed, .rejected, .withdrawn: false
        }
    }

    /// Nothing moves the order on any more (已归档, 不予受理, 已撤回).
    public var isTerminal: Bool {
        switch self {
        case .closed, .rejected, .withdrawn: true
        default: false
        }
    }

    /// The handling clock runs (and warnings apply) in open states, except while suspended:
    /// a suspension stops the clock, so a frozen deadline must not turn yellow or red.
    var handlingClockRuns: Bool { isOpen && self != .suspended }
}
