/// 工作台: the list of the workbench an open order waits in, and so whose move it is.
///
/// Every order that is not finished is in exactly one queue: a dispatcher's (to dispatch, returned)
/// or its lead organisation's (from "to sign for" to the bad-rating loop). An order in no list is an
/// order nobody sees and that gets lost, so `of(_:)` is total over the states that are not terminal;
/// a state added later must be given a queue here before it compiles.
///
/// The raw values are stored with the order and used in the API (`queue=`): add cases, never rename.
public enum WorkbenchQueue: String, Sendable, CaseIterable, Codable {
    /// 待派单: received, waiting for a dispatcher.
    case toDispatch = "dispatch"
    /// 退回待派: returned by an organisation, waiting for a dispatcher to send it elsewhere.
    case returned
    /// 待签收: dispatched, waiting for the lead organisation to sign for it.
    case toSignFor = "sign"
    /// 已签收: signed for, work not yet started.
    case signedFor = "accepted"
    /// 办理中: in progress with every co-handler's opinion in (or none asked for).
    case inProgress = "progress"
    /// 待协办意见: in progress, but a co-handling organisation still owes its opinion, without which
    /// the order cannot be resolved.
    case awaitingOpinions = "opinions"
    /// 已挂起: the clock is stopped until the lead handler resumes it.
    case suspended
    /// 重办: reopened after a bad rating, to be taken up again.
    case reopened
    /// 待评价: resolved (or rated satisfied and about to be archived), waiting for the requester's rating.
    case awaitingRating = "rating"
    /// 差评整改: rated 1 or 2; the lead handler calls back and rectifies, a supervisor may reopen.
    case badRating = "bad-rating"

    /// Whose list it is: the dispatchers' (the order has no lead organisation) or the lead organisation's.
    public enum Owner: String, Sendable {
        case dispatcher
        case leadOrg
    }

    public var owner: Owner {
        switch self {
        case .toDispatch, .returned: .dispatcher
        default: .leadOrg
        }
    }

    /// The queue `order` waits in, or `nil` once it is finished (closed, rejected, withdrawn).
    public static func of(_ order: WorkOrder) -> WorkbenchQueue? {
        switch order.state {
        case .received: .toDispatch
        case .returned: .returned
        case .dispatched: .toSignFor
        case .accepted: .signedFor
        case .inProgress: order.opinionsOwed.isEmpty ? .inProgress : .awaitingOpinions
        case .suspended: .suspended
        case .reopened: .reopened
        case .resolved: .awaitingRating
        case .rated: order.isBadlyRated ? .badRating : .awaitingRating
        case .closed, .rejected, .withdrawn: nil
        }
    }

    public var chinese: String {
        switch self {
        case .toDispatch: "待派单"
        case .returned: "退回待派"
        case .toSignFor: "待签收"
        case .signedFor: "已签收"
        case .inProgress: "办理中"
        case .awaitingOpinions: "待协办意见"
        case .suspended: "已挂起"
        case .reopened: "重办"
        case .awaitingRating: "待评价"
        case .badRating: "差评整改"
        }
    }

    public var english: String {
        switch self {
        case .toDispatch: "To dispatch"
        case .returned: "Returned"
        case .toSignFor: "To sign for"
        case .signedFor: "Signed for"
        case .inProgress: "In progress"
        case .awaitingOpinions: "Awaiting opinions"
        case .suspended: "Suspended"
        case .reopened: "Reopened"
        case .awaitingRating: "Awaiting rating"
        case .badRating: "Bad-rating loop"
        }
    }
}

extension WorkOrder {
    /// Co-handling organisations whose opinion (协办意见) is not in yet, sorted.
    public var opinionsOwed: [String] {
        coOrgs.filter { !opinionsFrom.contains($0) }
    }
}
