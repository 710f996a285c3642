import Foundation
import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// An order as its reader sees it: the record, its warning, deadlines and the moves open to them.
public struct WorkOrderView: Sendable {
    public let record: WorkOrderRecord
    public let warning: Warning
    public let handlingDeadlineAt: Int64
    public let autoCloseAt: Int64?
    public let availableActions: [String]
    public let timeline: [WorkOrderEvent]?
}

/// The position of a list page: an id, or a deadline and an id for warned lists.
struct OrderCursor: Sendable {
    let deadline: String?
    let id: Int64

    init?(text: String, byDeadline: Bool) {
        if byDeadline {
            let parts = text.split(separator: "_")
            guard parts.count == 2, LocalDate(String(parts[0])) != nil, let id = Int64(parts[1]) else { return nil }
            deadline = String(parts[0])
            self.id = id
        } else {
            guard let id = Int64(text) else { return nil }
            deadline = nil
            self.id = id
        }
    }
}

public struct WorkOrderQuery: Sendable {
    public var state: String?
    public var warning: String?
    public var districtCode: String?
    public var assignedOrg: String?
    public var q: String?
    public var talentId: Int64?
    /// Only orders whose extension request awaits a supervisor (`true`), or none pending (`false`).
    public var pendingExtension: Bool?
    /// Only open orders this org co-handles (not leads): what it owes an opinion on.
    public var coHandledBy: String?
    public var limit: Int
    public var cursor: String?

    public init(state: String? = nil, warning: String? = nil, districtCode: String? = nil, assignedOrg: String? = nil,
                q: String? = nil, talentId: Int64? = nil, pendingExtension: Bool? = nil, coHandledBy: String? = nil,
                limit: Int = 50, cursor: String? = nil) {
        self.state = state; self.warning = warning; self.districtCode = districtCode; self.assignedOrg = assignedOrg
        self.q = q; self.talentId = talentId; self.pendingExtension = pendingExtension; self.coHandledBy = coHandledBy
        self.limit = limit; self.cursor = cursor
    }
}

extension WorkOrderService {
    public func view(_ id: Int64, by principal: Principal, timeline: Bool = true) async throws -> WorkOrderView {
        let calendar = try await calendars.calendar()
        let (record, access, events) = try await db.read { sql in
            guard let record = try await load(id, on: sql, lock: false) else { throw CoreError.notFound("work order \(id)") }
            let access = try await self.access(principal, for: record, on: sql)
            guard access.canSee(record) else { throw CoreError.notFound("work order \(id)") }
            let events = timeline ? try await self.events(of: id, on: sql) : nil
            return (record, access, events)
        }
        return makeView(record, access: access, calendar: calendar, timeline: events)
    }

    /// The view of an order just filed, for its filer.
    public func makeCreatedView(_ record: WorkOrderRecord, calendar: WorkCalendar) -> WorkOrderView {
        makeView(record, access: nil, calendar: calendar, timeline: nil)
    }

    func makeView(_ record: WorkOrderRecord, access: WorkOrderAccess?, calendar: WorkCalendar, timeline: [WorkOrderEvent]?) -> WorkOrderView {
        let now = clock.nowMillis()
        return WorkOrderView(
            record: record,
            warning: WorkOrderRules.warning(record.rules, at: now, calendar: calendar),
            handlingDeadlineAt: calendar.deadlineMillis(of: record.rules.handlingDeadline),
            autoCloseAt: WorkOrderRules.autoCloseAfter(record.rules, calendar: calendar),
            availableActions: access.map { WorkOrderRules.availableActions(for: record.rules, actor: $0.actor(for: record), at: now, calendar: calendar) } ?? [],
            timeline: timeline)
    }

    func events(of id: Int64, on sql: any SQLDatabase) async throws -> [WorkOrderEvent] {
        try await sql.raw("""
            SELECT seq, at, actor_id, actor_name, action, from_state, to_state, note, data, hash
            FROM work_order_events WHERE order_id = \(bind: id) ORDER BY seq
            """).all().map { row in
            WorkOrderEvent(seq: try row.decode(column: "seq", as: Int.self), at: try row.decode(column: "at", as: Int64.self),
                           actorId: try row.decode(column: "actor_id", as: Int64?.self),
                           actorName: try row.decode(column: "actor_name", as: String.self),
                           action: try row.decode(column: "action", as: String.self),
                           from: try row.decode(column: "from_state", as: String?.self),
                           to: try row.decode(column: "to_state", as: String.self),
                           note: try row.decode(column: "note", as: String?.self),
                           data: try row.decode(column: "data", as: String?.self),
                           hash: Array(try row.decode(column: "hash", as: Data.self)))
        }
    }

    /// Whether the stored timeline still matches its hash chain, and where it breaks.
    public func verify(_ id: Int64, by principal: Principal) async throws -> (intact: Bool, events: Int, brokenAt: Int?) {
        let (record, events) = try await db.read { sql in
            guard let record = try await load(id, on: sql, lock: false) else { throw CoreError.notFound("work order \(id)") }
            guard try await self.access(principal, for: record, on: sql).canSee(record) else { throw CoreError.notFound("work order \(id)") }
            return (record, try await self.events(of: id, on: sql))
        }
        let chain = events.map { e in
            (fields: EventChain.Fields(orderId: id, seq: e.seq, at: e.at, actorId: e.actorId, actorName: e.actorName, action: e.action,
                                       from: e.from, to: e.to, note: e.note, data: e.data), hash: e.hash)
        }
        let broken = EventChain.firstBreak(chain, lastHash: record.lastHash)
        return (broken == nil, events.count, broken)
    }

    /// Lists the orders the caller may see, newest first, with the filters of the API.
    public func list(_ query: WorkOrderQuery, by principal: Principal) async throws -> (items: [WorkOrderView], nextCursor: String?) {
        var errors = FieldErrors()
        if !(1...500).contains(query.limit) { errors.add("limit", "limit 为 1–500 / limit is 1 to 500") }
        if let s = query.state, WorkOrderState(rawValue: s) == nil { errors.add("state", "未知状态 / unknown state") }
        if let w = query.warning, !["none", "yellow", "red"].contains(w) { errors.add("warning", "预警应为 none、yellow、red / unknown warning") }
        // Warned lists run by deadline (most overdue first), in the order of the deadline indexes;
        // other lists newest first. The cursor holds the position in that order.
        let byDeadline = query.warning == "red" || query.warning == "yellow"
        let cursor = query.cursor.map { OrderCursor(text: $0, byDeadline: byDeadline) }
        if case .some(nil) = cursor { errors.add("cursor", "分页游标无效 / the cursor is not valid") }
        try errors.throwIfAny()
        let calendar = try await calendars.calendar()
        let tree = try await orgs.tree()
        let today = clock.today

        var conditions: [SQLQueryString] = []
        // Visibility: what the caller's roles let them see.
        var scopes: [SQLQueryString] = ["filed_by = \(bind: principal.userId)", "requester_id = \(bind: principal.userId)"]
        if principal.has(.talent), let own = principal.talentId { scopes.append("talent_id = \(bind: own)") }
        if principal.has(.butler) {
            scopes.append("talent_id IN (SELECT id FROM talents WHERE butler_id = \(bind: principal.userId))")
        }
        if principal.hasAny(.handler, .admin) {
            scopes.append("lead_org = \(bind: principal.org.rawValue)")
            scopes.append("id IN (SELECT order_id FROM work_order_co_orgs WHERE org_code = \(bind: principal.org.rawValue))")
        }
        if principal.hasAny(.dispatcher, .supervisor, .leader, .admin) {
            let area = tree.area(of: principal.org)
            if tree[area]?.kind == .city {
                scopes = ["1 = 1"]
            } else {
                let districts = tree.districts(within: area).map(\.rawValue)
                if !districts.isEmpty { scopes.append("district_code IN (\(binds: districts))") }
            }
        }
        if let s = query.state { conditions.append("state = \(bind: s)") }
        if let d = query.districtCode { conditions.append("district_code = \(bind: d)") }
        if let org = query.assignedOrg {
            conditions.append("(lead_org = \(bind: org) OR id IN (SELECT order_id FROM work_order_co_orgs WHERE org_code = \(bind: org)))")
        }
        if let t = query.talentId { conditions.append("talent_id = \(bind: t)") }
        if let pending = query.pendingExtension {
            conditions.append(pending ? "pending_extension IS NOT NULL" : "pending_extension IS NULL")
        }
        if let org = query.coHandledBy {
            let open = WorkOrderState.allCases.filter(\.isOpen).map(\.rawValue)
            conditions.append("""
                id IN (SELECT order_id FROM work_order_co_orgs WHERE org_code = \(bind: org)) AND (lead_org IS NULL OR lead_org <> \(bind: org))
                AND state IN (\(binds: open))
                """)
        }
        if let q = query.q?.trimmed, !q.isEmpty {
            if let id = WorkOrderRecord.id(fromNumber: q) {
                conditions.append("id = \(bind: id)")
            } else {
                conditions.append("title LIKE \(bind: "%" + q.replacingOccurrences(of: "%", with: "") + "%")")
            }
        }
        switch query.warning {
        case "red":
            conditions.append("on_clock = 1 AND handling_deadline < \(bind: today.description)")
        case "yellow":
            let next = calendar.addWorkdays(1, to: today).value
            conditions.append("on_clock = 1 AND handling_deadline >= \(bind: today.description) AND handling_deadline <= \(bind: next.description)")
        case "none":
            let next = calendar.addWorkdays(1, to: today).value
            conditions.append("(on_clock = 0 OR handling_deadline > \(bind: next.description))")
        default: break
        }
        if let c = cursor ?? nil {
            if let deadline = c.deadline {
                conditions.append("(handling_deadline > \(bind: deadline) OR (handling_deadline = \(bind: deadline) AND id > \(bind: c.id)))")
            } else {
                conditions.append("id < \(bind: c.id)")
            }
        }
        // Each way of seeing orders is its own branch, which its index answers in order with a
        // limit; the union of the branches' first pages is ordered and cut again. (One WHERE with
        // the branches OR-ed together makes PostgreSQL scan the table.)
        let order = byDeadline ? " ORDER BY handling_deadline, id" : " ORDER BY id DESC"
        let limit = " LIMIT \(query.limit + 1)"
        let filters: SQLQueryString = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")
        var branches: [SQLQueryString] = []
        for (i, scope) in scopes.enumerated() {
            var branch: SQLQueryString = "SELECT id FROM (SELECT id FROM work_orders WHERE (" + scope + ") AND " + filters
            branch.appendInterpolation(unsafeRaw: order + limit + ") AS b\(i)")
            branches.append(branch)
        }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders WHERE id IN ("
        sql += branches.joined(separator: " UNION ")
        sql.appendInterpolation(unsafeRaw: ")" + order + limit)
        let finalSQL = sql
        let records = try await db.read { db in try await db.raw(finalSQL).all().map(WorkOrderRecord.init(row:)) }
        let page = Array(records.prefix(query.limit))
        let next = records.count > query.limit ? page.last.map { r in
            byDeadline ? "\(r.rules.handlingDeadline)_\(r.id)" : String(r.id)
        } : nil
        // Lists show warnings and deadlines; the moves open to the reader come with the order itself.
        return (page.map { makeView($0, access: nil, calendar: calendar, timeline: nil) }, next)
    }
}
