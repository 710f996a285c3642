import Foundation
import Logging
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// The work every server process does in the background: escalate overdue orders, close orders
/// left unrated, deliver webhooks. Safe to run in every instance at once: candidate rows are taken
/// with `FOR UPDATE SKIP LOCKED` on PostgreSQL, and each effect has a unique key (an escalation per
/// order and deadline; a delivery per webhook and event), so it happens exactly once.
public struct BackgroundWork: Sendable {
    let core: Yingcai
    let logger: Logger

    public init(core: Yingcai, logger: Logger) {
        self.core = core
        self.logger = logger
    }

    var db: Database { core.db }
    var skipLocked: String { db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    /// One round of everything; returns what it did, for logs and tests.
    @discardableResult
    public func runOnce() async throws -> (escalated: Int, closed: Int, delivered: Int) {
        let escalated = try await escalateOverdue()
        let closed = try await closeUnrated()
        let delivered = try await deliverWebhooks()
        _ = try await compactStats()
        try await core.idempotency.prune()
        try await core.codes.pruneNonces()
        _ = core.uploads.sweepIncoming()
        _ = try await core.knowledge.expireDue()
        try await core.knowledge.refreshCommonTokensIfStale()
        try await core.open311.pruneUsage()
        let made = try await core.partitions.run()
        if !made.isEmpty { logger.info("partitions made", metadata: ["tables": .string(made.joined(separator: ","))]) }
        _ = try await deliverWeChatTemplates()
        if core.wechat.isEnabled { try await core.wechat.pruneMessages() }
        core.codes.keys.reloadIfChanged(logger: logger)
        // A data key rotated by `yingcai keys rotate-data-key`: seal with the new key from now on.
        if core.vault.reloadIfChanged() { logger.notice("data key ring reloaded", metadata: ["current": .stringConvertible(core.vault.key.id)]) }
        return (escalated, closed, delivered)
    }

    /// The districts, one at a time: the jobs over the orders take their candidates district by
    /// district, so that each `FOR UPDATE SKIP LOCKED` reads one district's rows (on Citus, one
    /// shard: a lock over several shards is refused there).
    func districts() async throws -> [String] {
        try await core.orgs.tree().allDistricts.map(\.code.rawValue)
    }

    /// 超期升级: a red order raises one escalation to the supervisors above it, once per deadline.
    public func escalateOverdue(batch: Int = 200) async throws -> Int {
        let calendar = try await core.calendars.calendar()
        var total = 0
        for district in try await districts() {
            while true {
                let now = core.clock.nowMillis()
                let today = LocalDate(shanghaiMillis: now)
                let done: Int = try await db.transaction { sql in
                    let rows = try await sql.raw("""
                        SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders w
                        WHERE district_code = \(bind: district) AND on_clock = 1 AND handling_deadline < \(bind: today.description)
                          AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.district_code = w.district_code AND e.order_id = w.id
                                          AND e.deadline = w.handling_deadline)
                        ORDER BY handling_deadline, id LIMIT \(unsafeRaw: String(batch))\(unsafeRaw: skipLocked)
                        """).all()
                    var count = 0
                    for row in rows {
                        let record = try WorkOrderRecord(row: row)
                        guard WorkOrderRules.isDueForEscalation(record.rules, at: now, calendar: calendar) else { continue }
                        let claimed = try await sql.raw("""
                            INSERT INTO escalations (district_code, order_id, deadline, created_at)
                            VALUES (\(bind: district), \(bind: record.id), \(bind: record.rules.handlingDeadline.description), \(bind: now))
                            ON CONFLICT (district_code, order_id, deadline) DO NOTHING RETURNING order_id
                            """).first()
                        guard claimed != nil else { continue }
                        let after = try await core.workOrders.systemMove(record, .escalate, at: now, calendar: calendar, on: sql)
                        var writes = WriteSet()
                        try await core.workOrders.notifySupervisors(of: after, kind: "escalated",
                            message: "工单 \(after.number) 已超期，升级督办 / overdue: escalated", at: now, into: &writes)
                        try await writes.run(on: sql, dialect: core.db.dialect)
                        count += 1
                    }
                    return rows.isEmpty ? -1 : count
                }
                if done <= 0 { break }
                total += done
            }
        }
        if total > 0 { logger.info("escalated overdue work orders", metadata: ["count": .stringConvertible(total)]) }
        return total
    }

    /// 自动归档: resolved and not rated within 5 working days, or rated and done with.
    public func closeUnrated(batch: Int = 200) async throws -> Int {
        let calendar = try await core.calendars.calendar()
        let now = core.clock.nowMillis()
        var total = 0
        for district in try await districts() {
            var after: Int64 = 0
            while true {
                let start = after
                let (count, last): (Int, Int64?) = try await db.transaction { sql in
                    let rows = try await sql.raw("""
                        SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders
                        WHERE district_code = \(bind: district) AND state IN ('resolved', 'rated') AND id > \(bind: start)
                        ORDER BY id LIMIT \(unsafeRaw: String(batch))\(unsafeRaw: skipLocked)
                        """).all()
                    var count = 0
                    var last: Int64?
                    for row in rows {
                        let record = try WorkOrderRecord(row: row)
                        last = record.id
                        guard WorkOrderRules.isDueForAutoClose(record.rules, at: now, calendar: calendar) else { continue }
                        _ = try await core.workOrders.systemMove(record, .autoClose, at: now, calendar: calendar, on: sql)
                        count += 1
                    }
                    return (count, last)
                }
                total += count
                guard let last else { break }
                after = last
            }
        }
        if total > 0 { logger.info("closed work orders", metadata: ["count": .stringConvertible(total)]) }
        return total
    }

    /// Delivers due webhooks: each due row is leased for a minute (so another instance skips it),
    /// posted, then marked delivered or rescheduled with exponential backoff (10 s … 1 h).
    public func deliverWebhooks(batch: Int = 20) async throws -> Int {
        let now = core.clock.nowMillis()
        let leased: [(id: Int64, url: String, secret: String, payload: String, attempts: Int)] = try await db.transaction { sql in
            let rows = try await sql.raw("""
                SELECT o.id, o.payload, o.attempts, w.url, w.secret FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id
                WHERE o.delivered_at IS NULL AND o.next_attempt_at <= \(bind: now)
                ORDER BY o.next_attempt_at, o.id LIMIT \(unsafeRaw: String(batch))\(unsafeRaw: db.dialect == .postgres ? " FOR UPDATE OF o SKIP LOCKED" : "")
                """).all()
            let items = try rows.map { r in
                (id: try r.decode(column: "id", as: Int64.self), url: try r.decode(column: "url", as: String.self),
                 secret: try r.decode(column: "secret", as: String.self), payload: try r.decode(column: "payload", as: String.self),
                 attempts: try r.decode(column: "attempts", as: Int.self))
            }
            if !items.isEmpty {
                try await sql.raw("UPDATE webhook_outbox SET next_attempt_at = \(bind: now + 60_000) WHERE id IN (\(binds: items.map(\.id)))").run()
            }
            return items
        }
        var delivered = 0
        for item in leased {
            let result = await Self.post(url: item.url, secret: item.secret, body: item.payload, deliveryId: item.id, at: now)
            let done = core.clock.nowMillis()
            try await db.transaction { sql in
                if let error = result {
                    let backoff = Outbound.retryDelay(afterAttempts: item.attempts)
                    try await sql.raw("""
                        UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = \(bind: done + backoff), last_error = \(bind: error)
                        WHERE id = \(bind: item.id)
                        """).run()
                } else {
                    try await sql.raw("UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = \(bind: done), last_error = NULL WHERE id = \(bind: item.id)").run()
                }
            }
            if result == nil { delivered += 1 }
        }
        return delivered
    }

    /// POSTs one delivery; nil on a 2xx answer, else the reason.
    static func post(url: String, secret: String, body: String, deliveryId: Int64, at now: Int64) async -> String? {
        await Outbound.call(url, method: "POST", body: body, headers: [
            "X-Yingcai-Delivery": String(deliveryId),
            "X-Yingcai-Signature": WebhookOutbox.signature(secret: secret, timestamp: now / 1000, body: body),
        ]).problem
    }
}
