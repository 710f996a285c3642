import Foundation
import Organisations
import SQLKit
import Storage

/// The life of a payout: proposed by a run → confirmed by the talent (意愿确认) → approved by the
/// issuing department → paid with a payment reference; or declined (by the talent before it is
/// approved, by the department before it is paid).
public enum PayoutState: String, Sendable, Codable, CaseIterable {
    case proposed, confirmed, approved, paid, declined

    public var chinese: String {
        switch self {
        case .proposed: return "待确认"
        case .confirmed: return "已确认，待审核"
        case .approved: return "已审核，待发放"
        case .paid: return "已发放"
        case .declined: return "不予发放"
        }
    }
}

public struct Payout: Sendable, Equatable {
    public let id: Int64
    public let policyCode: String
    public let policyName: String
    public let department: String
    public let talentId: Int64
    public let period: String
    public let amount: Int64
    public let reason: String
    public let state: PayoutState
    public let workOrderId: Int64?
    public let paymentReference: String?
    public let declineReason: String?
    public let createdAt: Int64
    public let updatedAt: Int64
}

/// Payouts through their states; each confirmed payout is a work order of the issuing department
/// (channel `proactive`), so it shares the closed loop's deadlines, warnings and figures.
public struct Payouts: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let workOrders: WorkOrderService
    let clock: Clockwork
    let audit = AuditLog()

    static let columns = """
        p.id, q.code, q.name, q.department, p.talent_id, p.period, p.amount, p.reason, p.state, p.work_order_id,
        p.payment_reference, p.decline_reason, p.created_at, p.updated_at
        """

    func payout(from row: any SQLRow) throws -> Payout {
        Payout(id: try row.decode(column: "id", as: Int64.self), policyCode: try row.decode(column: "code", as: String.self),
               policyName: try row.decode(column: "name", as: String.self), department: try row.decode(column: "department", as: String.self),
               talentId: try row.decode(column: "talent_id", as: Int64.self), period: try row.decode(column: "period", as: String.self),
               amount: try row.decode(column: "amount", as: Int64.self), reason: try row.decode(column: "reason", as: String.self),
               state: PayoutState(rawValue: try row.decode(column: "state", as: String.self)) ?? .declined,
               workOrderId: try row.decode(column: "work_order_id", as: Int64?.self),
               paymentReference: try row.decode(column: "payment_reference", as: String?.self),
               declineReason: try row.decode(column: "decline_reason", as: String?.self),
               createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }

    /// The talent's own payouts, or a department's (its staff, or an admin above it), newest first.
    public func list(by principal: Principal, policy: String? = nil, state: String? = nil, workOrder: Int64? = nil,
                     limit: Int = 50, after cursor: Int64? = nil) async throws -> [Payout] {
        let tree = try await orgs.tree()
        var filters: [SQLQueryString] = []
        if principal.isTalentOnly {
            guard let t = principal.talentId else { return [] }
            filters.append("p.talent_id = \(bind: t)")
        } else if principal.hasAny(.admin, .handler, .leader, .supervisor) {
            let area = tree.area(of: principal.org)
            let departments = try await db.read { db in
                try await db.raw("SELECT DISTINCT department FROM policies").all().map { try $0.decode(column: "department", as: String.self) }
            }.filter { OrgCode($0).map { tree.isWithin($0, area) } ?? false }
            if departments.isEmpty { return [] }
            filters.append("q.department IN (\(binds: departments))")
        } else {
            return []
        }
        if let policy { filters.append("q.code = \(bind: policy)") }
        if let workOrder { filters.append("p.work_order_id = \(bind: workOrder)") }
        // Pages newest first, each after the last id of the one before.
        if let cursor { filters.append("p.id < \(bind: cursor)") }
        if let state {
            guard PayoutState(rawValue: state) != nil else { throw CoreError.invalid("state", "状态应为 proposed、confirmed、approved、paid、declined / unknown state") }
            filters.append("p.state = \(bind: state)")
        }
        guard (1...500).contains(limit) else { throw CoreError.invalid("limit", "limit 为 1–500 / limit is 1 to 500") }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM payouts p JOIN policies q ON q.id = p.policy_id WHERE "
        sql += filters.joined(separator: " AND ")
        sql.appendInterpolation(unsafeRaw: " ORDER BY p.id DESC LIMIT \(limit)")
        let query = sql
        return try await db.read { db in try await db.raw(query).all() }.map(payout(from:))
    }

    /// A payout by its id. Locked, it is read by its talent and id: on Citus, where payouts are
    /// distributed by the talent, a row is locked only by a statement that names its shard.
    func load(_ id: Int64, on db: any SQLDatabase, lock: Bool) async throws -> Payout? {
        guard lock, self.db.dialect == .postgres else {
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM payouts p JOIN policies q ON q.id = p.policy_id WHERE p.id = \(bind: id)
                """).first().map(payout(from:))
        }
        guard let talent = try await db.raw("SELECT talent_id FROM payouts WHERE id = \(bind: id)").first() else { return nil }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM payouts p JOIN policies q ON q.id = p.policy_id
            WHERE p.talent_id = \(bind: try talent.decode(column: "talent_id", as: Int64.self)) AND p.id = \(bind: id)
            FOR UPDATE OF p
            """).first().map(payout(from:))
    }

    enum Party { case talent, department }

    /// Who the caller is to this payout: its talent, its department's staff, or nobody (404).
    func party(_ p: Payout, _ principal: Principal, tree: OrgTree) -> Party? {
        if principal.talentId == p.talentId, principal.has(.talent) { return .talent }
        if principal.org.rawValue == p.department, principal.hasAny(.handler, .admin) { return .department }
        return nil
    }

    func change(_ id: Int64, by principal: Principal,
                _ body: @escaping @Sendable (Payout, Party, any SQLDatabase) async throws -> (PayoutState, reference: String?, decline: String?, order: Int64?))
        async throws -> Payout {
        let tree = try await orgs.tree()
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let p = try await load(id, on: db, lock: true), let party = party(p, principal, tree: tree) else {
                throw CoreError.notFound("payout \(id)")
            }
            let (state, reference, decline, order) = try await body(p, party, db)
            try await db.raw("""
                UPDATE payouts SET state = \(bind: state.rawValue), payment_reference = \(bind: reference ?? p.paymentReference),
                    decline_reason = \(bind: decline ?? p.declineReason), work_order_id = \(bind: order ?? p.workOrderId), updated_at = \(bind: now)
                WHERE talent_id = \(bind: p.talentId) AND id = \(bind: id)
                """).run()
            try await audit.record(on: db, at: now, actor: principal.userId, action: "payout.\(state.rawValue)", subject: "payout", id: id,
                                   detail: "policy=\(p.policyCode)")
            return try await load(id, on: db, lock: false)!
        }
    }

    static func refuse(_ p: Payout, _ chinese: String, _ english: String) -> CoreError {
        .conflict("该笔发放当前为「\(p.state.chinese)」，不能\(chinese) / a payout that is \(p.state.rawValue) cannot be \(english)")
    }

    /// 意愿确认: the talent agrees; the payout becomes a work order of the issuing department.
    public func confirm(_ id: Int64, by principal: Principal) async throws -> Payout {
        try await change(id, by: principal) { p, party, db in
            guard party == .talent else { throw CoreError.forbidden("由人才本人确认 / the talent confirms") }
            guard p.state == .proposed else { throw Self.refuse(p, "确认", "confirmed") }
            let district = try await db.raw("SELECT district_code FROM talents WHERE id = \(bind: p.talentId)").first()!
                .decode(column: "district_code", as: String.self)
            let order = try await workOrders.file(
                NewWorkOrder(channel: "proactive", category: "service", talentId: p.talentId,
                             title: "免申即享：\(p.policyName)",
                             content: "政策 \(p.policyCode)，\(p.period == "once" ? "一次性" : "期间 \(p.period)")，金额 \(p.amount) 元。依据：\(p.reason)",
                             districtCode: district),
                by: principal, routedTo: p.department)
            return (.confirmed, nil, nil, order.id)
        }
    }

    /// The department approves a confirmed payout (its work order is signed for and started).
    public func approve(_ id: Int64, by principal: Principal) async throws -> Payout {
        try await change(id, by: principal) { p, party, _ in
            guard party == .department else { throw CoreError.forbidden("由发文部门审核 / the issuing department approves") }
            guard p.state == .confirmed, let order = p.workOrderId else { throw Self.refuse(p, "审核", "approved") }
            _ = try await workOrders.act(order, action: "accept", .init(), by: principal)
            _ = try await workOrders.act(order, action: "start", .init(), by: principal)
            return (.approved, nil, nil, nil)
        }
    }

    /// The department records the payment; the work order is resolved with the reference.
    public func pay(_ id: Int64, reference: String?, by principal: Principal) async throws -> Payout {
        let reference = reference?.trimmed ?? ""
        guard !reference.isEmpty, reference.count <= 100 else {
            throw CoreError.invalid("paymentReference", "须填写支付凭证号（至多 100 字）/ a payment reference of up to 100 characters is required")
        }
        return try await change(id, by: principal) { p, party, _ in
            guard party == .department else { throw CoreError.forbidden("由发文部门发放 / the issuing department pays") }
            guard p.state == .approved, let order = p.workOrderId else { throw Self.refuse(p, "发放", "paid") }
            _ = try await workOrders.act(order, action: "resolve", .init(result: "已发放 \(p.amount) 元，支付凭证 \(reference) / paid, reference \(reference)"),
                                         by: principal)
            return (.paid, reference, nil, nil)
        }
    }

    /// Declined by the talent (before approval; the order is withdrawn) or by the department
    /// (before payment; the order is resolved with the reason).
    public func decline(_ id: Int64, reason: String?, by principal: Principal) async throws -> Payout {
        let reason = reason?.trimmed ?? ""
        guard !reason.isEmpty, reason.count <= 500 else {
            throw CoreError.invalid("reason", "须填写原因（至多 500 字）/ a reason of up to 500 characters is required")
        }
        return try await change(id, by: principal) { p, party, _ in
            switch (party, p.state) {
            case (.talent, .proposed):
                break
            case (.talent, .confirmed):
                _ = try await workOrders.act(p.workOrderId!, action: "withdraw", .init(reason: reason), by: principal)
            case (.department, .confirmed), (.department, .approved):
                let order = p.workOrderId!
                if p.state == .confirmed {
                    _ = try await workOrders.act(order, action: "accept", .init(), by: principal)
                    _ = try await workOrders.act(order, action: "start", .init(), by: principal)
                }
                _ = try await workOrders.act(order, action: "resolve", .init(result: "不予发放：\(reason) / declined: \(reason)"), by: principal)
            default:
                throw Self.refuse(p, "不予发放", "declined")
            }
            return (.declined, nil, reason, nil)
        }
    }
}
