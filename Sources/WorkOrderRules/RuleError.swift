/// Why a command was refused. A refusal changes nothing.
public enum RuleError: Error, Sendable, Equatable {
    /// The state table has no such move from this state (HTTP 409).
    case notAllowed(action: String, state: WorkOrderState)
    /// The move exists from this state but the actor lacks the capacity for it (HTTP 403, which
    /// the API turns into 404 when the order is not the user's to see).
    case notYours(action: String)
    /// The move exists and the actor may make it, but an argument or a condition of the order
    /// fails: a bad score, an empty reason, too many extension days, missing co-handler opinions,
    /// a return after the sign-for limit … (HTTP 422). `field` names the request field or, for a
    /// condition, the order's field at fault; `message` is ready to show (Chinese / English).
    case invalid(field: String, message: String)

    /// Chinese first, then English: "已办结的工单不能退单 / a resolved order cannot be returned".
    public var message: String {
        switch self {
        case .notAllowed(let action, let state):
            "\(state.chinese)的工单不能\(ActionWording.chinese(action)) / "
                + "\(ActionWording.article(state.english)) \(state.english) order cannot \(ActionWording.englishPassive(action))"
        case .notYours(let action):
            "无权对该工单执行“\(ActionWording.chinese(action))” / you may not \(ActionWording.englishVerb(action)) this order"
        case .invalid(_, let message):
            message
        }
    }

    /// The HTTP status the API answers with (see the cases).
    public var httpStatus: Int {
        switch self {
        case .notAllowed: 409
        case .notYours: 403
        case .invalid: 422
        }
    }

    /// `invalid` with its two halves: `invalid("score", "评价须为1至5", "score must be 1 to 5")`.
    static func invalid(_ field: String, _ chinese: String, _ english: String) -> RuleError {
        .invalid(field: field, message: "\(chinese) / \(english)")
    }
}
