import WorkCalendar

/// The application lifecycle (申报): submitted → recommended (区县推荐) → inReview (形式审查通过)
/// → selected / notSelected, with return for correction (退回补正), rejection and withdrawal.
/// Pure functions of their arguments, checked in the work-order rules' order.
public enum ApplicationRules {
    /// The state table: from which states each action may be taken and where it leads.
    public static let table: [String: (from: [ApplicationState], to: ApplicationState)] = [
        "recommend": ([.submitted], .recommended),
        "decline": ([.submitted], .rejected),
        "pass-formal-check": ([.recommended], .inReview),
        "return": ([.recommended], .returned),
        "fail-formal-check": ([.recommended], .rejected),
        "resubmit": ([.returned], .submitted),
        "withdraw": ([.submitted, .returned, .recommended, .inReview], .withdrawn),
        "select": ([.inReview], .selected),
        "not-select": ([.inReview], .notSelected),
    ]

    /// Where the action named `action` leads from `state`, or `nil` when the table does not allow it.
    public static func target(of action: String, from state: ApplicationState) -> ApplicationState? {
        guard let row = table[action], row.from.contains(state) else { return nil }
        return row.to
    }

    /// Whether a new application of `special` may be submitted to `call` on `date`: the call is
    /// open, runs the special, and `date` lies between its open and close dates (both included).
    public static func checkSubmission(of special: Special, to call: Call, on date: LocalDate) -> Result<Application, ProgrammeError> {
        guard call.state == .open else {
            return .failure(.notAllowed(subject: "call", action: "submit", state: call.state.rawValue))
        }
        guard call.specials[special] != nil else {
            return .failure(.invalid("special", "本年度未开设“\(special.chinese)”专项", "the call does not run \(special.english)"))
        }
        guard call.dates.open <= date, call.dates.isBeforeClose(date) else {
            return .failure(.invalid("date", "申报时间为\(call.dates.open)至\(call.dates.close)",
                                     "applications are taken from \(call.dates.open) to \(call.dates.close)"))
        }
        return .success(Application(special: special))
    }

    /// Applies `action` by `actor` on `date` to `application` of `call`.
    ///
    /// Checks, in this order, so that each refusal has one well-defined kind:
    /// 1. the state table: otherwise `.notAllowed` (409);
    /// 2. the actor's capacity: otherwise `.notYours` (403);
    /// 3. the action's arguments (a non-empty reason), then its conditions: resubmit, withdraw and
    ///    return only on or before the call's close date; select and not-select only once the call
    ///    is ranked. Otherwise `.invalid` (422).
    public static func apply(
        _ action: ApplicationAction, to application: Application, by actor: ApplicationActor,
        on date: LocalDate, call: Call
    ) -> Result<ApplicationTransition, ProgrammeError> {
        do throws(ProgrammeError) {
            return .success(try transition(action, application, actor, date, call))
        } catch {
            return .failure(error)
        }
    }

    /// The capacity each action needs.
    static func capacity(for action: ApplicationAction) -> ApplicationCapacity {
        switch action {
        case .recommend, .decline: .districtOffice
        case .passFormalCheck, .returnForCorrection, .failFormalCheck, .select, .notSelect: .cityOffice
        case .resubmit, .withdraw: .applicant
        }
    }

    private static func transition(
        _ action: ApplicationAction, _ application: Application, _ actor: ApplicationActor, _ date: LocalDate, _ call: Call
    ) throws(ProgrammeError) -> ApplicationTransition {
        guard let next = target(of: action.name, from: application.state) else {
            throw .notAllowed(subject: "application", action: action.name, state: application.state.rawValue)
        }
        guard actor.has(capacity(for: action)) else { throw .notYours(action: action.name) }
        if let reason = action.reason { try TextRule.checkReason(reason) }

        var after = application
        switch action {
        case .returnForCorrection(let reason):
            try requireBeforeClose(date, call, "退回补正须在申报截止前", "a return for correction must come before the close")
            after.returnReason = String(TextRule.trimmed(reason))
            after.returnCount += 1
        case .resubmit:
            try requireBeforeClose(date, call, "申报已截止，不能重新提交", "the call has closed; the application cannot be resubmitted")
        case .withdraw(let reason):
            try requireBeforeClose(date, call, "申报已截止，不能撤回", "the call has closed; the application cannot be withdrawn")
            after.closingReason = String(TextRule.trimmed(reason))
        case .decline(let reason), .failFormalCheck(let reason):
            after.closingReason = String(TextRule.trimmed(reason))
        case .select, .notSelect:
            if call.state != .ranked {
                throw .invalid("call", "申报通知排序确定后才能确定入选结果", "selection is decided only once the call is ranked")
            }
        case .recommend, .passFormalCheck:
            break
        }
        after.state = next
        return ApplicationTransition(
            before: application, after: after, action: action.name, from: application.state, to: next, reason: action.reason)
    }

    private static func requireBeforeClose(
        _ date: LocalDate, _ call: Call, _ chinese: String, _ english: String
    ) throws(ProgrammeError) {
        if !call.dates.isBeforeClose(date) {
            throw .invalid("date", "\(chinese)（截止日\(call.dates.close)）", "\(english) (\(call.dates.close))")
        }
    }
}
