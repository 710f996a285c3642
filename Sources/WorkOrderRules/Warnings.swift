import WorkCalendar

/// 预警 of the handling deadline.
public enum Warning: String, Sendable, Codable {
    case none
    /// 黄牌: due today or on the next working day.
    case yellow
    /// 红牌: overdue.
    case red
}

extension WorkOrderRules {
    /// Red once 24:00 Shanghai of the handling deadline has passed (`now > deadlineMillis`; the
    /// instant 24:00 itself is in time, as for `resolvedOnTime`, and still yellow);
    /// yellow when the deadline is today or not later than the next working day
    /// (`today ≤ deadline ≤ addWorkdays(1, today)`, so on a Friday a Monday deadline is yellow,
    /// and on a weekend day the next working day's too); otherwise none.
    ///
    /// Only where the handling clock runs: never for suspended (clock stopped), resolved,
    /// rated or terminal orders. The sign-for limit has no warning of its own: it is a figure.
    public static func warning(_ order: WorkOrder, at now: Int64, calendar: WorkCalendar) -> Warning {
        guard order.state.handlingClockRuns else { return .none }
        let deadline = order.handlingDeadline
        let end = calendar.deadlineMillis(of: deadline)
        if now > end { return .red }
        // 24:00 itself is still in time, yet its Shanghai date is already the next day.
        if now == end { return .yellow }
        let today = LocalDate(shanghaiMillis: now)
        if today <= deadline, deadline <= calendar.addWorkdays(1, to: today).value { return .yellow }
        return .none
    }

    /// Red and the current deadline not yet escalated: the scheduled job should `escalate`.
    public static func isDueForEscalation(_ order: WorkOrder, at now: Int64, calendar: WorkCalendar) -> Bool {
        warning(order, at: now, calendar: calendar) == .red && order.escalatedDeadline != order.handlingDeadline
    }
}
