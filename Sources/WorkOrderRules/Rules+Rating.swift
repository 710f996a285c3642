/// 好差评 and the bad-rating loop (差评回访整改), closing and reopening.
///
/// The loop: a rating of 1 or 2 → the lead handler calls back (`callback`, due within 1 working
/// day; late is recorded, not refused) → the requester may rate once more (only after the
/// callback, once per order) → a supervisor may reopen once (重办: reopened → `start` →
/// in_progress → resolved → rated again) or close at any time. A rated order that nobody moves
/// is closed by the system (`isDueForAutoClose`).
extension WorkOrderRules {
    /// 评价. From resolved: the first rating of this resolution. From rated: the one re-rating,
    /// allowed only while the latest rating is bad, after the callback, and once per order.
    static func rate(_ step: inout Step, score: Int) throws(RuleError) {
        guard (1...5).contains(score) else {
            throw .invalid("score", "评价须为1至5", "score must be 1 to 5")
        }
        if step.order.state == .rated {
            guard step.order.isBadlyRated else {
                throw .invalid("ratings", "已评价为基本满意及以上，不能再次评价",
                               "the order is rated basic satisfaction or better and cannot be rated again")
            }
            guard !step.order.reratingUsed else {
                throw .invalid("ratings", "差评后只能再评价一次", "a bad rating may be followed by one more rating only")
            }
            guard step.order.callbackAt != nil else {
                throw .invalid("callback", "承办单位回访后才能再次评价",
                               "the order can be rated again only after the handler's callback")
            }
            step.order.reratingUsed = true
        }
        step.order.ratings.append(score)
        step.order.ratedAt = step.now
        step.order.callbackAt = nil
    }

    /// 差评回访: once per bad rating, by the lead handler.
    static func callback(_ step: inout Step, note: String) throws(RuleError) {
        try TextRule.check(note, field: "note", chinese: "回访情况")
        guard step.order.isBadlyRated else {
            throw .invalid("ratings", "只有差评需要回访", "only a bad rating calls for a callback")
        }
        guard step.order.callbackAt == nil else {
            throw .invalid("callback", "该差评已记录回访", "the callback for this rating is already recorded")
        }
        step.order.callbackAt = step.now
    }

    /// 重办: a supervisor, once per order, only while the latest rating is bad. The reopened order
    /// gets a fresh handling deadline: the 15 working days of rectification (整改) after the
    /// reopen date, as the original deadline has usually long passed and would make the rework
    /// overdue from its first minute.
    static func reopen(_ step: inout Step, reason: String) throws(RuleError) {
        try TextRule.check(reason, field: "reason", chinese: "重办原因")
        guard step.order.isBadlyRated else {
            throw .invalid("ratings", "只有评价低于基本满意的工单可以重办",
                           "only an order rated below basic satisfaction can be reopened")
        }
        guard step.order.reopenCount < 1 else {
            throw .invalid("reopenCount", "工单只能重办一次", "an order can be reopened only once")
        }
        step.order.reopenCount += 1
        step.order.handlingDeadline = step.take(
            step.calendar.addWorkdays(TimeLimits.rectificationWorkdays, to: step.today))
        step.order.resolvedAt = nil
    }

    /// 归档 by a supervisor, whatever the rating.
    static func close(_ step: inout Step) {
        step.order.closedAt = step.now
    }

    /// 自动归档 by the system, when `isDueForAutoClose`.
    static func autoClose(_ step: inout Step) throws(RuleError) {
        guard isDueForAutoClose(step.order, at: step.now, calendar: step.calendar) else {
            throw .invalid("autoClose", "尚未到自动归档时间", "the order is not yet due to be closed automatically")
        }
        step.order.closedAt = step.now
    }
}
