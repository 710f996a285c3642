import Foundation
import Identity
import Organisations
import PersonalData
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// 工单闭环: filing, moving and reading work orders. Each change loads the order (locked on
/// PostgreSQL), checks the move with the pure rules, and writes the order, its event, the figures,
/// notifications and webhook deliveries in one transaction.
public struct WorkOrderService: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let catalog: Catalog
    let calendars: CalendarStore
    let vault: PersonalDataVault
    let clock: Clockwork
    let outbox: WebhookOutbox
    let idempotency: Idempotency
    let ids: OrderIds
    let districts = OrderDistricts()
    let citus = CitusFlag()
    /// Writes filings made outside a transaction, merged with concurrent ones (one statement and
    /// one commit for many; see `WriteCoalescer`).
    let filings: WriteCoalescer
    /// The 公众号's template message for a resolved order filed in the chat; nil without WeChat.
    let wechatNotices: WeChatNotices?

    init(db: Database, orgs: OrgDirectory, catalog: Catalog, calendars: CalendarStore, vault: PersonalDataVault,
         clock: Clockwork, outbox: WebhookOutbox, idempotency: Idempotency, filingWriters: Int, wechatNotices: WeChatNotices? = nil) {
        self.db = db; self.orgs = orgs; self.catalog = catalog; self.calendars = calendars; self.vault = vault
        self.clock = clock; self.outbox = outbox; self.idempotency = idempotency; self.wechatNotices = wechatNotices
        self.ids = OrderIds(db: db)
        // SQLite has one writer; on PostgreSQL a few merged writes travel at once.
        self.filings = WriteCoalescer(database: db, writers: db.dialect == .postgres ? filingWriters : 1, maxBatch: 128)
    }

    // MARK: Reading one

    /// Loads an order inside a transaction, locking its row on PostgreSQL so that two moves of one
    /// order take turns (SQLite's writer queue already does). The row is read by (district, id): on
    /// Citus that is one shard, and a lock must name its shard. The district comes from
    /// `districts` when this process has met the order, from the districts its id names
    /// (`OrderIdSlots`) otherwise, and from the order's row for an id that names none of them.
    func load(_ id: Int64, on sql: any SQLDatabase, lock: Bool) async throws -> WorkOrderRecord? {
        func read(in district: String) async throws -> WorkOrderRecord? {
            let row = try await sql.raw("""
                SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders WHERE district_code = \(bind: district) AND id = \(bind: id)\(unsafeRaw: lock && db.dialect == .postgres ? " FOR UPDATE" : "")
                """).first()
            return try row.map(WorkOrderRecord.init(row:))
        }
        if let district = districts[id] {
            if let record = try await read(in: district) { return record }
            districts.forget(id)
        }
        for district in OrderIdSlots.districts(named: id, in: try await orgs.tree()) {
            if let record = try await read(in: district) {
                districts.remember(id, district)
                return record
            }
        }
        // An id drawn before ids named districts: by id alone (every shard on Citus). A lock must
        // name the shard, so then only the district is read by id, and the row once, locked, by
        // (district, id).
        if lock && db.dialect == .postgres {
            guard let district = try await sql.raw("SELECT district_code FROM work_orders WHERE id = \(bind: id)").first()?
                .decode(column: "district_code", as: String.self) else { return nil }
            districts.remember(id, district)
            return try await read(in: district)
        }
        guard let row = try await sql.raw("SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders WHERE id = \(bind: id)").first() else {
            return nil
        }
        let record = try WorkOrderRecord(row: row)
        districts.remember(id, record.districtCode)
        return record
    }

    func butler(ofTalent talentId: Int64?, on sql: any SQLDatabase) async throws -> Int64? {
        guard let talentId else { return nil }
        return try await sql.raw("SELECT butler_id FROM talents WHERE id = \(bind: talentId)").first()?
            .decode(column: "butler_id", as: Int64?.self)
    }

    func access(_ principal: Principal, for record: WorkOrderRecord, on sql: any SQLDatabase) async throws -> WorkOrderAccess {
        WorkOrderAccess(tree: try await orgs.tree(), principal: principal,
                        butlerId: try await butler(ofTalent: record.talentId, on: sql))
    }

    // MARK: Writing
    //
    // A change is worked out first and gathered in a `WriteSet` (the order's row, its event, the
    // figures' difference, notifications, webhook deliveries), then written in one go: on
    // PostgreSQL one statement, and for new orders merged with concurrent filings (`WriteCoalescer`).

    /// Appends an event to the order's chain and returns the updated record.
    func append(_ record: WorkOrderRecord, action: String, from: WorkOrderState?, to: WorkOrderState, note: String?,
                data: String? = nil, actorId: Int64?, actorName: String, at: Int64, into writes: inout WriteSet) -> WorkOrderRecord {
        var r = record
        let fields = EventChain.Fields(orderId: r.id, seq: r.lastSeq + 1, at: at, actorId: actorId, actorName: actorName,
                                       action: action, from: from?.rawValue, to: to.rawValue, note: note, data: data)
        let hash = EventChain.hash(previous: r.lastHash, fields)
        writes.insert("work_order_events",
                      columns: ["district_code", "order_id", "seq", "at", "actor_id", "actor_name", "action", "from_state", "to_state", "note", "data", "hash"],
                      values: [SQLBind(r.districtCode), SQLBind(r.id), SQLBind(fields.seq), SQLBind(at), SQLBind(actorId), SQLBind(actorName), SQLBind(action),
                               SQLBind(fields.from), SQLBind(fields.to), SQLBind(note), SQLBind(data), SQLBind(Data(hash))])
        r.lastSeq = fields.seq
        r.lastHash = hash
        return r
    }

    /// Writes the order's row after a change, its co-handling orgs when they changed, and the
    /// figures' difference. A new order (no `before`) has its row inserted by `create`.
    func save(_ after: WorkOrderRecord, before: WorkOrderRecord?, calendar: WorkCalendar, at now: Int64, into writes: inout WriteSet) {
        if before != nil {
            writes.execute("""
                UPDATE work_orders SET state = \(bind: after.rules.state.rawValue), on_clock = \(bind: after.onClock ? 1 : 0),
                    lead_org = \(bind: after.rules.leadOrg), handling_deadline = \(bind: after.rules.handlingDeadline.description),
                    resolved_at = \(bind: after.rules.resolvedAt), rules = \(bind: after.rulesJSON),
                    pending_extension = \(bind: after.rules.pendingExtension), queue = \(bind: after.queue?.rawValue),
                    last_seq = \(bind: after.lastSeq), last_hash = \(bind: Data(after.lastHash)), updated_at = \(bind: now)
                WHERE district_code = \(bind: after.districtCode) AND id = \(bind: after.id)
                """)
        }
        let removed = Set(before?.rules.coOrgs ?? []).subtracting(after.rules.coOrgs).sorted()
        if !removed.isEmpty {
            writes.execute("DELETE FROM work_order_co_orgs WHERE district_code = \(bind: after.districtCode) AND order_id = \(bind: after.id) AND org_code IN (\(binds: removed))")
        }
        let given = Set(after.rules.opinionsFrom), givenBefore = Set(before?.rules.opinionsFrom ?? [])
        for org in after.rules.coOrgs {
            if !(before?.rules.coOrgs ?? []).contains(org) {
                writes.insert("work_order_co_orgs", columns: ["district_code", "order_id", "org_code", "opinion_given"],
                              values: [SQLBind(after.districtCode), SQLBind(after.id), SQLBind(org), SQLBind(given.contains(org) ? 1 : 0)])
            } else if given.contains(org) != givenBefore.contains(org) {
                writes.execute("""
                    UPDATE work_order_co_orgs SET opinion_given = \(bind: given.contains(org) ? 1 : 0)
                    WHERE district_code = \(bind: after.districtCode) AND order_id = \(bind: after.id) AND org_code = \(bind: org)
                    """)
            }
        }
        let contribution = { (r: WorkOrderRecord) in
            StatsContribution(order: r.rules, district: r.districtCode, channel: r.channel,
                              receivedOn: r.receivedOn.description, calendar: calendar)
        }
        StatsContribution.add(before: before.map(contribution), after: contribution(after), into: &writes)
        OpenDeadlines.add(before: before, after: after, into: &writes)
    }

    /// Tells the people who must act next: an org's inbox (every user of the org sees it) or one user.
    func notify(org: String?, user: Int64? = nil, order: Int64, kind: String, message: String, at: Int64, into writes: inout WriteSet) {
        writes.insert("notifications", columns: ["user_id", "org_code", "order_id", "kind", "message", "created_at"],
                      values: [SQLBind(user), SQLBind(org), SQLBind(order), SQLBind(kind), SQLBind(message), SQLBind(at)])
    }

    /// The notifications and webhook events that follow a transition.
    /// `note`: the event's note, as the timeline keeps it.
    func announce(_ t: Transition, record: WorkOrderRecord, note: String?, at now: Int64, into writes: inout WriteSet) async throws {
        let number = record.number
        if record.channel == Channel.open311.rawValue {
            Open311Gateway.project(record, note: note, at: now, into: &writes)
        }
        switch t.action {
        case "dispatch":
            if let lead = t.after.leadOrg {
                notify(org: lead, order: record.id, kind: "dispatched", message: "新派工单 \(number)，请在时限内签收 / new order to sign for", at: now, into: &writes)
            }
            for co in t.after.coOrgs {
                notify(org: co, order: record.id, kind: "co-handling", message: "协办工单 \(number)，请提交协办意见 / co-handling requested", at: now, into: &writes)
            }
        case "return":
            notify(org: "500000:HOTLINE", order: record.id, kind: "returned", message: "工单 \(number) 被退回，请重新派单 / returned: dispatch again", at: now, into: &writes)
        case "resolve":
            if let requester = record.requesterId {
                notify(org: nil, user: requester, order: record.id, kind: "resolved", message: "您的工单 \(number) 已办结，请评价 / resolved: please rate", at: now, into: &writes)
            }
            if let wechatNotices, record.channel == Channel.wechat.rawValue {
                try await wechatNotices.enqueueResolved(record, result: t.note ?? "", seq: record.lastSeq, at: now, into: &writes)
            }
        case "rate" where t.after.isBadlyRated:
            if let lead = t.after.leadOrg {
                notify(org: lead, order: record.id, kind: "bad-rating", message: "工单 \(number) 收到差评，请于 1 个工作日内回访 / bad rating: call back within 1 working day", at: now, into: &writes)
            }
        case "request-extension":
            try await notifySupervisors(of: record, kind: "extension", message: "工单 \(number) 申请延期，请审核 / extension to approve", at: now, into: &writes)
        case "approve-extension", "refuse-extension":
            if let lead = t.after.leadOrg {
                notify(org: lead, order: record.id, kind: t.action, message: "工单 \(number) 延期申请已处理 / extension decided", at: now, into: &writes)
            }
            if let requester = record.requesterId, t.action == "approve-extension" {
                notify(org: nil, user: requester, order: record.id, kind: "deadline-changed",
                                 message: "工单 \(number) 办理期限延至 \(t.after.handlingDeadline) / new deadline", at: now, into: &writes)
            }
        case "urge":
            if let lead = t.after.leadOrg {
                notify(org: lead, order: record.id, kind: "urged", message: "工单 \(number) 被督办 / urged", at: now, into: &writes)
            }
        case "supplement":
            // The requester added to the order: whoever holds it now reads it.
            notify(org: t.after.leadOrg ?? "500000:HOTLINE", order: record.id, kind: "supplemented",
                   message: "工单 \(number) 有诉求人补充说明 / the requester added to it", at: now, into: &writes)
        case "reopen":
            if let lead = t.after.leadOrg {
                notify(org: lead, order: record.id, kind: "reopened", message: "工单 \(number) 重办 / reopened", at: now, into: &writes)
            }
        default:
            break
        }
        try await outbox.enqueue(event: "work_order.\(t.action)", key: "\(record.id):\(record.lastSeq)",
                                 payload: WebhookOutbox.payload(record: record, action: t.action, from: t.from.rawValue, to: t.to.rawValue, at: now),
                                 at: now, into: &writes)
    }

    /// Supervisors of the order's district and of the node above it (the city for a district).
    func notifySupervisors(of record: WorkOrderRecord, kind: String, message: String, at: Int64, into writes: inout WriteSet) async throws {
        let tree = try await orgs.tree()
        let district = OrgCode(record.districtCode)
        let parent = district.flatMap { tree[$0]?.parent }
        for org in [district?.rawValue, parent?.rawValue].compactMap({ $0 }) {
            notify(org: "supervisors:\(org)", order: record.id, kind: kind, message: message, at: at, into: &writes)
        }
    }
}

extension String {
    /// Whether the text has something in it after trimming, within a length.
    func isFilled(max: Int) -> Bool {
        let t = trimmed
        return !t.isEmpty && t.count <= max
    }
}
