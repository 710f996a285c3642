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
    /// Whether the reader may see the order's personal data in full (`personalData`).
    public let canRevealPersonalData: Bool
}

extension WorkOrderService {
    public func view(_ id: Int64, by principal: Principal, timeline: Bool = true) async throws -> WorkOrderView {
        let calendar = try await calendars.calendar()
        let (record, access, events) = try await db.read { sql in
            guard let record = try await load(id, on: sql, lock: false) else { throw CoreError.notFound("work order \(id)") }
            let access = try await self.access(principal, for: record, on: sql)
            guard access.canSee(record) else { throw CoreError.notFound("work order \(id)") }
            let events = timeline ? try await self.events(of: record, on: sql) : nil
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
            timeline: timeline, canRevealPersonalData: access?.canReveal(record) ?? false)
    }

    /// The order's timeline, found by (district, order): one shard on Citus. No event precedes the
    /// order's receipt, so the months before it are not read (`MonthlyPartitions`); the bound
    /// allows a month of clock skew between instances, so that no event is ever left out.
    func events(of record: WorkOrderRecord, on sql: any SQLDatabase) async throws -> [WorkOrderEvent] {
        try await sql.raw("""
            SELECT seq, at, actor_id, actor_name, action, from_state, to_state, note, data, hash
            FROM work_order_events WHERE district_code = \(bind: record.districtCode) AND order_id = \(bind: record.id)
              AND at >= \(bind: record.rules.receivedAt - 31 * 86_400_000) ORDER BY seq
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
            return (record, try await self.events(of: record, on: sql))
        }
        let chain = events.map { e in
            (fields: EventChain.Fields(orderId: id, seq: e.seq, at: e.at, actorId: e.actorId, actorName: e.actorName, action: e.action,
                                       from: e.from, to: e.to, note: e.note, data: e.data), hash: e.hash)
        }
        let broken = EventChain.firstBreak(chain, lastHash: record.lastHash)
        return (broken == nil, events.count, broken)
    }

    /// Lists the orders the caller may see, newest first (lists of open orders by deadline, most
    /// urgent first), with the filters of the API.
    public func list(_ query: WorkOrderQuery, by principal: Principal) async throws -> (items: [WorkOrderView], nextCursor: String?) {
        let calendar = try await calendars.calendar()
        let selection = try WorkOrderSelection(query, principal: principal, tree: try await orgs.tree(), calendar: calendar, today: clock.today)
        let records = try await page(of: selection, asBranches: selection.scopes.count > 1 ? try await citus.isCitus(db) : false)
        let page = Array(records.prefix(query.limit))
        let next = records.count > query.limit ? page.last.map { selection.cursor(after: $0) } : nil
        // Lists show warnings and deadlines; the moves open to the reader come with the order itself.
        return (page.map { makeView($0, access: nil, calendar: calendar, timeline: nil) }, next)
    }

    /// The rows of a list page and the one after it: in one query (`pageSQL`), or on Citus as one query
    /// a way of seeing orders, run side by side and merged here (`branchSQLs`).
    func page(of selection: WorkOrderSelection, asBranches: Bool) async throws -> [WorkOrderRecord] {
        guard asBranches else {
            let sql = selection.pageSQL()
            return try await db.read { db in try await db.raw(sql).all().map(WorkOrderRecord.init(row:)) }
        }
        let db = self.db
        return selection.merge(try await withThrowingTaskGroup(of: [WorkOrderRecord].self) { group in
            for sql in selection.branchSQLs() {
                group.addTask { try await db.read { db in try await db.raw(sql).all().map(WorkOrderRecord.init(row:)) } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        })
    }

    /// How many orders `list` would give over all its pages (the limit and cursor are ignored).
    public func count(_ query: WorkOrderQuery, by principal: Principal) async throws -> Int64 {
        var query = query
        query.limit = 1
        query.cursor = nil
        let selection = try WorkOrderSelection(query, principal: principal, tree: try await orgs.tree(),
                                               calendar: try await calendars.calendar(), today: clock.today)
        let sql = selection.countSQL()
        return try await db.read { db in try await db.raw(sql).first()!.decode(column: "n", as: Int64.self) }
    }
}
