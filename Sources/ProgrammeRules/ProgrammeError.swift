/// Why a programme rule refused something. A refusal changes nothing: every rule is a pure
/// function of values, so there is nothing to undo.
///
/// Mirrors the work-order rules' `RuleError`: the API layer maps the three kinds to 409, 403
/// and 422, and shows `message` (Chinese first, then English) as it is.
public enum ProgrammeError: Error, Sendable, Equatable {
    /// The state table has no such move from this state (HTTP 409). `subject` says whose state:
    /// "call" (申报通知) or "application" (申报).
    case notAllowed(subject: String, action: String, state: String)
    /// The move exists from this state but the actor lacks the capacity for it (HTTP 403).
    case notYours(action: String)
    /// The move exists and the actor may make it, but an argument or a condition fails: an empty
    /// reason, a date after the close, percentages not summing to 100, an unknown field code …
    /// (HTTP 422). `field` names the argument or the condition at fault.
    case invalid(field: String, message: String)

    /// Chinese first, then English: "已截止的申报通知不能发布 / cannot publish a call in state closed".
    public var message: String {
        switch self {
        case .notAllowed(let subject, let action, let state):
            Wording.notAllowed(subject: subject, action: action, state: state)
        case .notYours(let action):
            "无权执行“\(Wording.chinese(action: action))” / you may not \(Wording.english(action: action)) here"
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

    /// The field of an `invalid` refusal, else `nil`; handy in tests and for form errors.
    public var invalidField: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }

    /// `invalid` with its two halves: `invalid("reason", "请填写原因", "reason must not be empty")`.
    static func invalid(_ field: String, _ chinese: String, _ english: String) -> ProgrammeError {
        .invalid(field: field, message: "\(chinese) / \(english)")
    }
}
