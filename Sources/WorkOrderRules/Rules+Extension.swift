/// 延期: the lead handler asks, a supervisor decides.
extension WorkOrderRules {
    /// 延期申请: before the handling deadline has passed (up to and including 24:00 of the
    /// deadline day), 1…3 working days, fewer than 3 approved so far, none already pending.
    static func requestExtension(_ step: inout Step, workdays: Int, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "延期理由")
        guard (1...TimeLimits.maxExtensionWorkdays).contains(workdays) else {
            throw .invalid("workdays", "每次延期为1至\(TimeLimits.maxExtensionWorkdays)个工作日",
                           "an extension is 1 to \(TimeLimits.maxExtensionWorkdays) working days")
        }
        guard step.order.pendingExtension == nil else {
            throw .invalid("pendingExtension", "已有待审批的延期申请", "an extension request is already pending")
        }
        guard step.order.extensionsApproved < TimeLimits.maxExtensions else {
            throw .invalid("extensions", "延期次数已达\(TimeLimits.maxExtensions)次上限",
                           "the order has had the maximum of \(TimeLimits.maxExtensions) extensions")
        }
        guard step.now <= step.calendar.deadlineMillis(of: step.order.handlingDeadline) else {
            throw .invalid("handlingDeadline", "已超过办理期限，不能申请延期",
                           "the handling deadline has passed: no extension can be requested")
        }
        step.order.pendingExtension = workdays
    }

    /// 批准延期: the deadline moves the asked working days past the current deadline, even if
    /// the approval itself comes after it (the request was in time). While suspended, the
    /// working days left grow to match the moved deadline.
    static func approveExtension(_ step: inout Step) throws(RuleError) {
        let workdays = try pendingRequest(step)
        let deadline = step.take(step.calendar.addWorkdays(workdays, to: step.order.handlingDeadline))
        step.order.handlingDeadline = deadline
        if let suspendedOn = step.order.suspendedOn {
            step.order.remainingWorkdays = step.calendar.remainingOnSuspension(suspendedOn: suspendedOn, deadline: deadline)
        }
        step.order.extensionsApproved += 1
        step.order.pendingExtension = nil
    }

    /// 驳回延期, with a reason; the handler may ask again (within the limits).
    static func refuseExtension(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "驳回理由")
        _ = try pendingRequest(step)
        step.order.pendingExtension = nil
    }

    private static func pendingRequest(_ step: Step) throws(RuleError) -> Int {
        guard let workdays = step.order.pendingExtension else {
            throw .invalid("pendingExtension", "没有待审批的延期申请", "no extension request is pending")
        }
        return workdays
    }
}
