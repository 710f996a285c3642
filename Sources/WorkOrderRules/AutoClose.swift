import WorkCalendar

/// 自动归档: when the system closes a resolved or rated order that nobody moves on.
extension WorkOrderRules {
    /// - resolved, unrated: once the rating window is over, i.e. after 24:00 Shanghai of the 5th
    ///   working day after the resolution date. On the 5th working day itself the requester may
    ///   still rate. (Put with `workdaysBetween`: due when at least 5 working days lie in
    ///   (resolution date, today] and today is not the 5th of them.)
    /// - rated 3 or better (基本满意 and above): at once, on the job's next run.
    /// - rated 1 or 2 (差评): after 24:00 Shanghai of the 15th working day after the latest bad
    ///   rating (the rectification time), if no supervisor has reopened or closed it by then.
    /// - anything else: never.
    public static func isDueForAutoClose(_ order: WorkOrder, at now: Int64, calendar: WorkCalendar) -> Bool {
        guard let closesAfter = autoCloseAfter(order, calendar: calendar) else { return false }
        return now > closesAfter
    }

    /// The instant after which `isDueForAutoClose` holds, or `nil` if it never will in this state:
    /// for a resolved order, the end of the rating window the requester can be shown (评价截止).
    public static func autoCloseAfter(_ order: WorkOrder, calendar: WorkCalendar) -> Int64? {
        switch order.state {
        case .resolved:
            guard let resolvedAt = order.resolvedAt else { return nil }
            return endOfWorkdays(TimeLimits.ratingWindowWorkdays, after: resolvedAt, calendar: calendar)
        case .rated:
            guard let ratedAt = order.ratedAt else { return nil }
            if !order.isBadlyRated { return ratedAt }
            return endOfWorkdays(TimeLimits.rectificationWorkdays, after: ratedAt, calendar: calendar)
        default:
            return nil
        }
    }

    /// 24:00 Shanghai of the `workdays`-th working day after the Shanghai date of `instant`.
    private static func endOfWorkdays(_ workdays: Int, after instant: Int64, calendar: WorkCalendar) -> Int64 {
        calendar.deadlineMillis(of: calendar.addWorkdays(workdays, to: LocalDate(shanghaiMillis: instant)).value)
    }
}
