/// 中止/暂停计时: a suspended work order stops its clock and restarts it on resumption.
extension WorkCalendar {
    /// Working days the order still had when suspended: those in (`suspendedOn`, `deadline`].
    ///
    /// The suspension day itself is treated as used, matching how the day of receipt is not
    /// counted. Suspended on the deadline day this is 0; suspended after it, negative (minus
    /// the working days already overdue), which `resumedDeadline` treats like 0.
    public func remainingOnSuspension(suspendedOn: LocalDate, deadline: LocalDate) -> Int {
        workdaysBetween(suspendedOn, deadline).value
    }

    /// The deadline after resuming on `resumedOn` with `remaining` working days left:
    /// `remaining` working days after the resumption day.
    ///
    /// With nothing left (`remaining <= 0`: suspended on or after the deadline) the deadline is
    /// the end of the resumption day itself; an order that was already overdue stays overdue
    /// from then on. That answer counts no day, so it is always complete.
    public func resumedDeadline(remaining: Int, resumedOn: LocalDate) -> CalendarResult<LocalDate> {
        guard remaining > 0 else { return CalendarResult(value: resumedOn, calendarComplete: true) }
        return addWorkdays(remaining, to: resumedOn)
    }
}
