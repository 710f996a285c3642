/// What someone does to an application. One case per API action.
public enum ApplicationAction: Sendable, Equatable {
    /// 推荐 by the district talent office: submitted → recommended.
    case recommend
    /// 不予推荐 by the district talent office: submitted → rejected.
    case decline(reason: String)
    /// 形式审查通过 by the city talent office: recommended → inReview.
    case passFormalCheck
    /// 退回补正 by the city talent office: recommended → returned, before the close only (after
    /// it the applicant could no longer fix anything, so the office must pass or fail instead).
    case returnForCorrection(reason: String)
    /// 形式审查不通过 by the city talent office: recommended → rejected.
    case failFormalCheck(reason: String)
    /// 重新提交 by the applicant after a fix: returned → submitted, before the close only.
    case resubmit
    /// 撤回 by the applicant from any non-final state, before the close only.
    case withdraw(reason: String)
    /// 入选 by the city talent office once the call is ranked: inReview → selected.
    case select
    /// 未入选 by the city talent office once the call is ranked: inReview → notSelected.
    case notSelect

    /// Every action name, in the order of the API documentation.
    public static let allNames: [String] = [
        "recommend", "decline", "pass-formal-check", "return", "fail-formal-check", "resubmit", "withdraw",
        "select", "not-select",
    ]

    /// The API action name, also the event's action.
    public var name: String {
        switch self {
        case .recommend: "recommend"
        case .decline: "decline"
        case .passFormalCheck: "pass-formal-check"
        case .returnForCorrection: "return"
        case .failFormalCheck: "fail-formal-check"
        case .resubmit: "resubmit"
        case .withdraw: "withdraw"
        case .select: "select"
        case .notSelect: "not-select"
        }
    }

    /// The reason the action carries, as given, for the event.
    public var reason: String? {
        switch self {
        case .decline(let reason), .returnForCorrection(let reason), .failFormalCheck(let reason), .withdraw(let reason):
            reason
        case .recommend, .passFormalCheck, .resubmit, .select, .notSelect:
            nil
        }
    }
}
