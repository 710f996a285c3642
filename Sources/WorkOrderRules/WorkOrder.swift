import WorkCalendar

/// The rule-relevant state of one work order (工单): what the state machine needs to decide the
/// next move. Titles, contents, requester and timeline live elsewhere (storage and events).
///
/// Times are Unix milliseconds (UTC instants); deadline days are local dates in Asia/Shanghai,
/// each ending at 24:00 local time (`WorkCalendar.deadlineMillis(of:)`).
public struct WorkOrder: Sendable, Equatable, Codable {
    /// The stored order's id, used only to refuse merging an order into itself (归并).
    /// `nil` before the order is stored.
    public var id: Int64?
    public var state: WorkOrderState
    public var category: WorkOrderCategory
    /// 紧急: halves the handling limit and shortens the sign-for limit to 2 hours.
    public var urgent: Bool
    /// 受理时间; the handling limit counts from its Shanghai date.
    public var receivedAt: Int64
    /// 办理期限: due by 24:00 Shanghai of this day. Moved by extensions, resumption and reopening.
    /// While suspended it keeps the deadline the order had when suspended (the clock is stopped).
    public var handlingDeadline: LocalDate
    /// 主办单位; `nil` until dispatched and again after a return (退单).
    public var leadOrg: String?
    /// 协办单位, sorted and without duplicates.
    public var coOrgs: [String]
    /// Co-organisations whose opinion (协办意见) is in: a sorted subset of `coOrgs`.
    public var opinionsFrom: [String]
    /// Of the latest dispatch.
    public var dispatchedAt: Int64?
    /// 签收时限 of the latest dispatch, as an instant.
    public var signForDeadline: Int64?
    /// 签收时间; may be after `signForDeadline` (a late sign-for is recorded, not refused).
    public var acceptedAt: Int64?
    /// 挂起日期 while suspended.
    public var suspendedOn: LocalDate?
    /// Working days left when suspended: those in (`suspendedOn`, `handlingDeadline`].
    /// Zero or negative when suspended on or after the deadline.
    public var remainingWorkdays: Int?
    /// 已批准延期次数 (at most `TimeLimits.maxExtensions`).
    public var extensionsApproved: Int
    /// Working days asked for in an extension request awaiting a supervisor.
    public var pendingExtension: Int?
    /// 办结时间 of the latest resolution (cleared when the order is reopened).
    public var resolvedAt: Int64?
    /// Ratings 1…5 in the order given (好差评), kept across reopening.
    public var ratings: [Int]
    /// When the latest rating was given.
    public var ratedAt: Int64?
    /// Whether the requester has used the one re-rating a bad rating allows (差评后再评价).
    public var reratingUsed: Bool
    /// 差评回访时间: when the lead handler recorded calling back about the latest bad rating;
    /// cleared by every new rating.
    public var callbackAt: Int64?
    /// 重办次数 (at most 1).
    public var reopenCount: Int
    /// The handling deadline for which an overdue escalation (超期升级) was raised: one per deadline.
    public var escalatedDeadline: LocalDate?
    /// 归并: the earlier order this repeat call was merged into.
    public var mergedInto: Int64?
    /// When the order reached a terminal state (closed, rejected or withdrawn).
    public var closedAt: Int64?

    public init(
        id: Int64? = nil,
        state: WorkOrderState,
        category: WorkOrderCategory,
        urgent: Bool = false,
        receivedAt: Int64,
        handlingDeadline: LocalDate,
        leadOrg: String? = nil,
        coOrgs: [String] = [],
        opinionsFrom: [String] = [],
        dispatchedAt: Int64? = nil,
        signForDeadline: Int64? = nil,
        acceptedAt: Int64? = nil,
        suspendedOn: LocalDate? = nil,
        remainingWorkdays: Int? = nil,
        extensionsApproved: Int = 0,
        pendingExtension: Int? = nil,
        resolvedAt: Int64? = nil,
        ratings: [Int] = [],
        ratedAt: Int64? = nil,
        reratingUsed: Bool = false,
        callbackAt: Int64? = nil,
        reopenCount: Int = 0,
        escalatedDeadline: LocalDate? = nil,
        mergedInto: Int64? = nil,
        closedAt: Int64? = nil
    ) {
        self.id = id
        self.state = state
        self.category = category
        self.urgent = urgent
        self.receivedAt = receivedAt
        self.handlingDeadline = handlingDeadline
        self.leadOrg = leadOrg
        self.coOrgs = coOrgs
        self.opinionsFrom = opinionsFrom
        self.dispatchedAt = dispatchedAt
        self.signForDeadline = signForDeadline
        self.acceptedAt = acceptedAt
        self.suspendedOn = suspendedOn
        self.remainingWorkdays = remainingWorkdays
        self.extensionsApproved = extensionsApproved
        self.pendingExtension = pendingExtension
        self.resolvedAt = resolvedAt
        self.ratings = ratings
        self.ratedAt = ratedAt
        self.reratingUsed = reratingUsed
        self.callbackAt = callbackAt
        self.reopenCount = reopenCount
        self.escalatedDeadline = escalatedDeadline
        self.mergedInto = mergedInto
        self.closedAt = closedAt
    }

    /// A new order in `received` (已受理) with its handling deadline: the handling limit
    /// (`WorkOrderRules.handlingLimit`) counted in working days after the Shanghai date of receipt.
    ///
    /// `calendarComplete` is `false` when the deadline rests on a year with no official
    /// arrangement; the caller shows it as provisional.
    public static func receive(
        id: Int64? = nil,
        category: WorkOrderCategory,
        urgent: Bool,
        promisedWorkdays: Int?,
        at receivedAt: Int64,
        calendar: WorkCalendar
    ) -> (WorkOrder, calendarComplete: Bool) {
        let limit = WorkOrderRules.handlingLimit(category: category, promisedWorkdays: promisedWorkdays, urgent: urgent)
        let deadline = calendar.addWorkdays(limit, to: LocalDate(shanghaiMillis: receivedAt))
        let order = WorkOrder(
            id: id, state: .received, category: category, urgent: urgent,
            receivedAt: receivedAt, handlingDeadline: deadline.value)
        return (order, deadline.calendarComplete)
    }
}

extension WorkOrder {
    /// The rating that counts: the last one given.
    public var latestRating: Int? { ratings.last }

    /// 差评: the latest rating is below 基本满意 (1 or 2).
    public var isBadlyRated: Bool { (latestRating ?? 3) <= 2 }

    /// 按时办结: resolved not later than 24:00 Shanghai of the handling deadline;
    /// `nil` until resolved. Measured against the deadline as it stood at resolution
    /// (after extensions, suspensions, or the rectification limit of a reopened order).
    public var resolvedOnTime: Bool? {
        resolvedAt.map { $0 <= Deadlines.endOfDay(handlingDeadline) }
    }

    /// 按时签收: signed for not later than the sign-for limit; `nil` until signed for.
    public var signedForInTime: Bool? {
        guard let acceptedAt, let signForDeadline else { return nil }
        return acceptedAt <= signForDeadline
    }
}
