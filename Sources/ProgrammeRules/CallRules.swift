import WorkCalendar

/// The call lifecycle (申报通知): a line of seven states, each action allowed from one state only.
/// Pure: the caller loads the call, applies, and stores the result with its event.
public enum CallRules {
    /// The state table: action → (from, to). Anything not listed is refused with `.notAllowed`.
    public static let table: [CallAction: (from: CallState, to: CallState)] = [
        .publish: (.draft, .open),
        .close: (.open, .closed),
        .startReview: (.closed, .inReview),
        .rank: (.inReview, .ranked),
        .startNotice: (.ranked, .inNotice),
        .finalise: (.inNotice, .final),
    ]

    /// Where `action` leads from `state`, or `nil` when the table does not allow it.
    public static func target(of action: CallAction, from state: CallState) -> CallState? {
        guard let row = table[action], row.from == state else { return nil }
        return row.to
    }

    /// Applies `action` on `date`. Checks the state table first (`.notAllowed`), then the
    /// action's condition (`.invalid`):
    /// - publish: the configuration is valid and the close date has not passed;
    /// - close: `date` is after the close date (applicants have the whole close day);
    /// - startReview: `date` is on or after the review date;
    /// - startNotice: `date` is on or after the notice date; it records `noticeStartedOn = date`;
    /// - finalise: the notice has ended, i.e. `date` is after `PublicNotice.end` (5 working days).
    public static func apply(
        _ action: CallAction, to call: Call, on date: LocalDate, calendar: WorkCalendar
    ) -> Result<Call, ProgrammeError> {
        do throws(ProgrammeError) {
            return .success(try transition(action, call, date, calendar))
        } catch {
            return .failure(error)
        }
    }

    private static func transition(
        _ action: CallAction, _ call: Call, _ date: LocalDate, _ calendar: WorkCalendar
    ) throws(ProgrammeError) -> Call {
        guard let next = target(of: action, from: call.state) else {
            throw .notAllowed(subject: "call", action: action.name, state: call.state.rawValue)
        }
        var after = call
        switch action {
        case .publish:
            try call.validate()
            if date > call.dates.close {
                throw .invalid("date", "截止日期已过，不能发布", "the close date has passed")
            }
        case .close:
            if date <= call.dates.close {
                throw .invalid("date", "截止日（\(call.dates.close)）结束后才能截止申报",
                               "the call can be closed only after its close date \(call.dates.close)")
            }
        case .startReview:
            if date < call.dates.review {
                throw .invalid("date", "评审开始日期为\(call.dates.review)", "the review starts on \(call.dates.review)")
            }
        case .rank:
            break
        case .startNotice:
            if date < call.dates.notice {
                throw .invalid("date", "公示开始日期为\(call.dates.notice)", "the notice starts on \(call.dates.notice)")
            }
            after.noticeStartedOn = date
        case .finalise:
            guard let started = call.noticeStartedOn else {
                throw .invalid("noticeStartedOn", "没有公示开始日期", "the notice has no start date")
            }
            let notice = PublicNotice(startingOn: started, calendar: calendar)
            if date <= notice.end {
                throw .invalid("date", "公示期至\(notice.end)结束，期满后才能发文",
                               "the notice runs until \(notice.end); the list can be final only after it")
            }
        }
        after.state = next
        return after
    }
}
