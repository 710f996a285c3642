/// Handling (办理): opinions of co-organisations, suspension and resumption, resolution.
/// `start` (accepted or reopened → in_progress) needs nothing beyond the table and the capacity.
extension WorkOrderRules {
    /// 协办意见. An organisation may add to its opinion later; it counts once.
    static func opinion(_ step: inout Step, org: String, text: String) throws(RuleError) {
        try TextRule.check(text, field: "text", chinese: "协办意见")
        if !step.order.opinionsFrom.contains(org) {
            step.order.opinionsFrom = (step.order.opinionsFrom + [org]).sorted()
        }
    }

    /// 挂起: stops the clock, keeping the working days left in (suspension date, deadline].
    /// Allowed even when overdue (the left days are then ≤ 0 and resumption gives only the day
    /// of resumption), because the reasons to wait — the requester's materials, a third party —
    /// do not stop at the deadline; the overdue time before suspension stays visible in events.
    static func suspend(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "挂起原因")
        step.order.suspendedOn = step.today
        step.order.remainingWorkdays = step.calendar.remainingOnSuspension(
            suspendedOn: step.today, deadline: step.order.handlingDeadline)
    }

    /// 恢复办理: the new deadline is the days that were left, counted after the resumption date.
    static func resume(_ step: inout Step) {
        let remaining = step.order.remainingWorkdays
            ?? step.calendar.remainingOnSuspension(
                suspendedOn: step.order.suspendedOn ?? step.today, deadline: step.order.handlingDeadline)
        step.order.handlingDeadline = step.take(
            step.calendar.resumedDeadline(remaining: remaining, resumedOn: step.today))
        step.order.suspendedOn = nil
        step.order.remainingWorkdays = nil
    }

    /// 办结: every co-organisation's opinion must be in.
    static func resolve(_ step: inout Step, result: String) throws(RuleError) {
        try TextRule.check(result, field: "result", chinese: "办理结果")
        let missing = step.order.opinionsOwed
        guard missing.isEmpty else {
            throw .invalid("opinions", "尚缺协办单位意见：\(missing.joined(separator: "、"))",
                           "opinions missing from: \(missing.joined(separator: ", "))")
        }
        step.order.resolvedAt = step.now
    }
}
