/// 督办 and 超期升级: events that leave the state alone.
extension WorkOrderRules {
    /// 督办: a supervisor or dispatcher presses an open order. Only the event is recorded.
    static func urge(_ step: inout Step, note: String) throws(RuleError) {
        try TextRule.check(note, field: "note", chinese: "督办意见")
    }

    /// 超期升级 to the supervisors of the parent node: once per deadline, so several server
    /// instances running the job (each applying against the stored order in a transaction)
    /// raise it once. Recording the deadline, not a flag, lets a later deadline escalate again.
    static func escalate(_ step: inout Step) throws(RuleError) {
        guard warning(step.order, at: step.now, calendar: step.calendar) == .red else {
            throw .invalid("handlingDeadline", "工单未超期", "the order is not overdue")
        }
        guard step.order.escalatedDeadline != step.order.handlingDeadline else {
            throw .invalid("escalatedDeadline", "该办理期限已超期升级", "this deadline has already been escalated")
        }
        step.order.escalatedDeadline = step.order.handlingDeadline
    }
}
