/// Intake and dispatch (受理与派单): dispatch, sign-for, return, reject, merge, withdraw.
extension WorkOrderRules {
    /// 派单. Starts a fresh sign-for limit. Co-organisations are kept sorted and unique; the lead
    /// organisation cannot also be a co-organisation. A re-dispatch after a return starts with
    /// no opinions: the new co-organisations have given none.
    static func dispatch(_ step: inout Step, leadOrg: String, coOrgs: [String]) throws(RuleError) {
        let lead = String(TextRule.trimmed(leadOrg))
        guard !lead.isEmpty else { throw .invalid("leadOrg", "请选择主办单位", "leadOrg must not be empty") }
        let co = coOrgs.map { String(TextRule.trimmed($0)) }
        guard !co.contains(where: \.isEmpty) else {
            throw .invalid("coOrgs", "协办单位不能为空", "coOrgs must not contain an empty code")
        }
        guard !co.contains(lead) else {
            throw .invalid("coOrgs", "主办单位不能同时为协办单位", "the lead organisation cannot also be a co-organisation")
        }
        step.order.leadOrg = lead
        step.order.coOrgs = Array(Set(co)).sorted()
        step.order.opinionsFrom = []
        step.order.dispatchedAt = step.now
        step.order.signForDeadline = step.take(
            signForLimit(dispatchedAt: step.now, urgent: step.order.urgent, calendar: step.calendar))
        step.order.acceptedAt = nil
    }

    /// 签收. Allowed after the sign-for limit too: lateness is a figure (响应率), read from
    /// `acceptedAt` against `signForDeadline`, not a refusal.
    static func accept(_ step: inout Step) {
        step.order.acceptedAt = step.now
    }

    /// 退单: with a reason and not after the sign-for limit. After it the organisation is
    /// responsible for the order (首办负责) and must handle it. The order goes back to the
    /// dispatcher with no organisation.
    static func returnOrder(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "退单原因")
        let limit = step.order.signForDeadline
            ?? step.order.dispatchedAt.map { signForDeadline(dispatchedAt: $0, urgent: step.order.urgent, calendar: step.calendar) }
        if let limit, step.now > limit {
            throw .invalid("signForDeadline", "已超过签收时限，承办单位首办负责，不能退单",
                           "the sign-for limit has passed: the organisation is responsible (首办负责) and cannot return the order")
        }
        step.order.leadOrg = nil
        step.order.coOrgs = []
        step.order.opinionsFrom = []
    }

    /// 不予受理, with a reason.
    static func reject(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "不予受理理由")
        step.order.closedAt = step.now
    }

    /// 归并: this repeat call is closed with a link to the earlier order `into`. The rules see only
    /// this order; the caller checks that `into` exists, is earlier and still open
    /// (`checkMergeTarget`).
    static func merge(_ step: inout Step, into: Int64) throws(RuleError) {
        guard into > 0 else { throw .invalid("intoId", "请指定要归并到的工单", "intoId must name an order") }
        guard into != step.order.id else {
            throw .invalid("intoId", "工单不能归并到自身", "an order cannot be merged into itself")
        }
        step.order.mergedInto = into
        step.order.closedAt = step.now
    }

    /// 撤回 by the requester, with a reason, at any time before resolution.
    static func withdraw(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "撤回原因")
        step.order.closedAt = step.now
    }

    /// What `apply` cannot see when merging: the earlier order. Refuses a target that is this
    /// order itself, received later than this one (a repeat call follows the first), or no
    /// longer open (resolved or terminal: the requester would follow a finished order).
    /// `nil` when the merge may go ahead.
    public static func checkMergeTarget(_ target: WorkOrder, for order: WorkOrder) -> RuleError? {
        if let id = target.id, id == order.id {
            return .invalid("intoId", "工单不能归并到自身", "an order cannot be merged into itself")
        }
        if target.receivedAt > order.receivedAt {
            return .invalid("intoId", "只能归并到更早受理的工单", "an order can be merged only into an earlier one")
        }
        if !target.state.isOpen {
            return .invalid("intoId", "只能归并到未办结的工单", "an order can be merged only into an open one")
        }
        return nil
    }
}
