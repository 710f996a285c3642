import WorkCalendar

/// Time limits (时限) computed from the calendar.
///
/// Convention throughout: a limit ending at instant `T` is met by anything at or before `T`
/// (`at <= T`) and missed only after it (`at > T`). `T` for a deadline day is
/// `WorkCalendar.deadlineMillis(of:)`, i.e. 24:00 Shanghai.
extension WorkOrderRules {
    /// 办理时限 in working days, counted after the date of receipt.
    ///
    /// A service application uses the catalogue item's promise (承诺时限), or
    /// `TimeLimits.defaultServiceWorkdays` when none is given; a promise below 1 (即办件) is
    /// taken as 1, since "0 working days after receipt" is not a deadline. Other categories
    /// ignore `promisedWorkdays`. Urgent orders get half, rounded up.
    public static func handlingLimit(category: WorkOrderCategory, promisedWorkdays: Int?, urgent: Bool) -> Int {
        let full = category.standardHandlingWorkdays
            ?? max(1, promisedWorkdays ?? TimeLimits.defaultServiceWorkdays)
        return urgent ? (full + 1) / 2 : full
    }

    /// 签收时限 as an instant: 24:00 Shanghai of the 1st working day after the dispatch date, or
    /// for an urgent order 2 clock hours after dispatch (the hotline works around the clock).
    public static func signForDeadline(dispatchedAt: Int64, urgent: Bool, calendar: WorkCalendar) -> Int64 {
        signForLimit(dispatchedAt: dispatchedAt, urgent: urgent, calendar: calendar).value
    }

    /// Working days in (receipt date, resolution date], Shanghai dates: the handling time used for
    /// the average handling time (平均办理时长). A resolution on the day of receipt is 0.
    /// A resolution before receipt cannot happen; should bad data pair them so, the answer is 0
    /// rather than negative, so an average is never pulled below zero.
    public static func handlingWorkdays(receivedAt: Int64, resolvedAt: Int64, calendar: WorkCalendar) -> Int {
        let days = calendar.workdaysBetween(LocalDate(shanghaiMillis: receivedAt), LocalDate(shanghaiMillis: resolvedAt)).value
        return max(0, days)
    }

    /// Also says whether the calendar was complete, for the transition that stores it.
    static func signForLimit(dispatchedAt: Int64, urgent: Bool, calendar: WorkCalendar) -> CalendarResult<Int64> {
        if urgent {
            return CalendarResult(value: dispatchedAt + TimeLimits.urgentSignForMillis, calendarComplete: true)
        }
        let day = calendar.addWorkdays(TimeLimits.signForWorkdays, to: LocalDate(shanghaiMillis: dispatchedAt))
        return CalendarResult(value: calendar.deadlineMillis(of: day.value), calendarComplete: day.calendarComplete)
    }
}

/// Calendar-free helpers for computed properties that have no calendar at hand.
enum Deadlines {
    /// 24:00 Shanghai of `day`; the same instant as `WorkCalendar.deadlineMillis(of:)`, which does
    /// not depend on the arrangements (a test holds the two equal).
    static func endOfDay(_ day: LocalDate) -> Int64 {
        day.adding(days: 1).shanghaiStartMillis
    }
}
