/// What someone asks to do to an order: one case per API action
/// (`POST /api/v1/work-orders/{id}/{action}`), plus the system's own `autoClose` and `escalate`.
public enum Command: Sendable, Equatable {
    /// 派单 to a lead organisation (主办) and co-organisations (协办).
    case dispatch(leadOrg: String, coOrgs: [String])
    /// 签收
    case accept
    /// 退单, within the sign-for limit only.
    case returnOrder(reason: String)
    /// 开始办理 (also after a reopen, 重办).
    case start
    /// 协办意见 of one co-organisation.
    case opinion(org: String, text: String)
    /// 挂起: stops the handling clock.
    case suspend(reason: String)
    /// 恢复办理: restarts the clock with the working days that were left.
    case resume
    /// 办结
    case resolve(result: String)
    /// 好差评: 5 非常满意 … 1 非常不满意.
    case rate(score: Int)
    /// 重办 after a bad rating (a supervisor, once).
    case reopen(reason: String)
    /// 归档 by a supervisor.
    case close
    /// 督办: an event; the order does not move.
    case urge(note: String)
    /// 不予受理
    case reject(reason: String)
    /// 撤回 by the requester before resolution.
    case withdraw(reason: String)
    /// 补充说明: the requester adds to an open order (more detail, a follow-up question); an event,
    /// the order does not move.
    case supplement(text: String)
    /// 延期申请
    case requestExtension(workdays: Int, reason: String)
    /// 批准延期
    case approveExtension
    /// 驳回延期
    case refuseExtension(reason: String)
    /// 差评回访: the lead handler records calling the requester back.
    case callback(note: String)
    /// 归并 into an earlier order.
    case merge(into: Int64)
    /// 自动归档 by the system (unrated for 5 working days, or rated; see `isDueForAutoClose`).
    case autoClose
    /// 超期升级 by the system, once per deadline.
    case escalate

    /// Every action name, in the order of the API documentation; `availableActions` answers in it.
    public static let allNames: [String] = [
        "dispatch", "accept", "return", "start", "opinion", "suspend", "resume", "resolve", "rate",
        "reopen", "close", "urge", "reject", "withdraw", "supplement", "request-extension", "approve-extension",
        "refuse-extension", "callback", "merge", "auto-close", "escalate",
    ]

    /// The API action name (the last path segment), also the event's `action`.
    public var name: String {
        switch self {
        case .dispatch: "dispatch"
        case .accept: "accept"
        case .returnOrder: "return"
        case .start: "start"
        case .opinion: "opinion"
        case .suspend: "suspend"
        case .resume: "resume"
        case .resolve: "resolve"
        case .rate: "rate"
        case .reopen: "reopen"
        case .close: "close"
        case .urge: "urge"
        case .reject: "reject"
        case .withdraw: "withdraw"
        case .supplement: "supplement"
        case .requestExtension: "request-extension"
        case .approveExtension: "approve-extension"
        case .refuseExtension: "refuse-extension"
        case .callback: "callback"
        case .merge: "merge"
        case .autoClose: "auto-close"
        case .escalate: "escalate"
        }
    }

    /// The free text the command carries (reason, opinion, result, note), as given, for the event.
    public var note: String? {
        switch self {
        case .returnOrder(let text), .suspend(let text), .reopen(let text), .reject(let text),
             .withdraw(let text), .refuseExtension(let text), .urge(let text), .callback(let text), .supplement(let text),
             .resolve(let text), .opinion(_, let text), .requestExtension(_, let text):
            text
        case .dispatch, .accept, .start, .resume, .rate, .close, .approveExtension, .merge, .autoClose, .escalate:
            nil
        }
    }
}
