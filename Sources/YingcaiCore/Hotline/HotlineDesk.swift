import Foundation
import Identity
import NIOConcurrencyHelpers
import Organisations
import PersonalData
import SQLKit
import Storage
import WorkCalendar

/// The hotline desk (热线受理台): the lines, the log of every call (来电记录) whether or not it
/// becomes an order, the articles used to answer it, and the figures of the desk.
///
/// Who sees a call: the dispatchers of its line's organisation, and the admins, leaders and
/// supervisors whose area holds that organisation; anyone else gets 404.
public struct HotlineDesk: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let vault: PersonalDataVault
    let workOrders: WorkOrderService
    let idempotency: Idempotency
    let clock: Clockwork

    static let questionMax = 2000
    static let noteMax = 2000

    // MARK: Lines

    /// Puts the standard lines in place on a new installation (an operator's changes are kept).
    func loadReferenceData() async throws {
        let now = clock.nowMillis()
        try await db.transaction { db in
            for line in HotlineLine.standard {
                try await db.raw("""
                    INSERT INTO hotline_lines (code, name, name_en, org_code, updated_at)
                    VALUES (\(bind: line.code), \(bind: line.name), \(bind: line.nameEn), \(bind: line.orgCode), \(bind: now))
                    ON CONFLICT (code) DO NOTHING
                    """).run()
            }
        }
    }

    public func lines() async throws -> [HotlineLine] {
        try await db.read { db in
            try await db.raw("SELECT code, name, name_en, org_code FROM hotline_lines ORDER BY code").all().map(Self.line)
        }
    }

    static func line(_ row: any SQLRow) throws -> HotlineLine {
        HotlineLine(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    nameEn: try row.decode(column: "name_en", as: String.self), orgCode: try row.decode(column: "org_code", as: String.self))
    }

    /// A line added or changed by a city admin: its names and the organisation that answers it.
    public func setLine(_ line: HotlineLine, by p: Principal) async throws -> HotlineLine {
        guard p.has(.admin), p.org.rawValue.hasPrefix("500000") else { throw CoreError.forbidden("只有市级管理员可以设置热线 / only a city admin sets the lines") }
        var errors = FieldErrors()
        if line.code.isEmpty || line.code.count > 12 || !line.code.allSatisfy(\.isNumber) { errors.add("code", "热线号码为 1–12 位数字 / 1 to 12 digits") }
        if line.name.isEmpty { errors.add("name", "必填 / required") }
        errors.text("name", line.name, max: 60)
        errors.text("nameEn", line.nameEn, max: 80)
        let tree = try await orgs.tree()
        if OrgCode(line.orgCode).flatMap({ tree[$0] }) == nil { errors.add("orgCode", "机构不存在 / no such organisation") }
        try errors.throwIfAny()
        let now = clock.nowMillis()
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO hotline_lines (code, name, name_en, org_code, updated_at)
                VALUES (\(bind: line.code), \(bind: line.name), \(bind: line.nameEn), \(bind: line.orgCode), \(bind: now))
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, org_code = excluded.org_code, updated_at = excluded.updated_at
                """).run()
        }
        return line
    }

    // MARK: Who may

    /// The lines whose calls `p` may see (dispatchers: the lines of their organisation; admins,
    /// leaders, supervisors: the lines answered within their area).
    func visibleLines(_ p: Principal) async throws -> [HotlineLine] {
        let tree = try await orgs.tree()
        return try await lines().filter { line in
            guard let org = OrgCode(line.orgCode) else { return false }
            if p.has(.dispatcher), p.org == org || tree.isWithin(org, p.org) { return true }
            if p.hasAny(.admin, .leader, .supervisor) { return tree.isWithin(org, tree.area(of: p.org)) }
            return false
        }
    }

    func answerable(_ code: String?, by p: Principal) async throws -> HotlineLine {
        guard p.has(.dispatcher) else { throw CoreError.forbidden("只有受理员可以登记来电 / only a dispatcher records calls") }
        let lines = try await visibleLines(p)
        guard let code, !code.isEmpty else {
            if lines.count == 1 { return lines[0] }
            throw CoreError.invalid("line", "请选择热线 / choose the line")
        }
        guard let line = lines.first(where: { $0.code == code }) else { throw CoreError.invalid("line", "不是本受理台的热线 / not a line of your desk") }
        return line
    }

    // MARK: Calls

    /// Records a call as it comes in (通话中). The caller's talent record is found by the number.
    public func record(_ input: NewCall, by p: Principal) async throws -> HotlineCall {
        let line = try await answerable(input.line, by: p)
        var errors = FieldErrors()
        var phone: PhoneNumber?
        if let raw = input.callerPhone?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do { phone = try PhoneNumber(raw) } catch { errors.add("callerPhone", error.description) }
        }
        errors.text("question", input.question, max: Self.questionMax)
        let tree = try await orgs.tree()
        var district = tree.area(of: OrgCode(line.orgCode) ?? p.org).rawValue
        if let d = input.districtCode, !d.isEmpty {
            if let code = OrgCode(d), let node = tree[code], node.kind.isDistrictLevel { district = d }
            else { errors.add("districtCode", "区县代码不存在 / not a district, county or zone code") }
        }
        let now = clock.nowMillis()
        let started = input.startedAt ?? now
        // A call logged afterwards (from the switchboard's record) may be up to a month old.
        if started > now + 60_000 || started < now - 31 * 24 * 3600 * 1000 { errors.add("startedAt", "来电时间应在 31 天内且不晚于现在 / within the last 31 days") }
        try errors.throwIfAny()
        let hash = phone.map { Data(vault.index($0.value, field: .phone)) }
        let caller = phone
        var talentId: Int64?
        if let hash, let row = try await db.read({ try await $0.raw("SELECT id, district_code FROM talents WHERE phone_hash = \(bind: hash) ORDER BY id LIMIT 1").first() }) {
            talentId = try row.decode(column: "id", as: Int64.self)
            if input.districtCode == nil { district = try row.decode(column: "district_code", as: String.self) }
        }
        let (talent, callDistrict) = (talentId, district)
        // A number said on the phone and typed into the question is kept masked, like an order's notes.
        let question = PersonalNumbers.masked(input.question?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").text
        let id: Int64 = try await db.transaction { db in
            try await db.raw("""
                INSERT INTO hotline_calls (district_code, line_code, caller_phone_hash, caller_phone_sealed, caller_phone_masked, talent_id,
                    started_at, started_on, dispatcher_id, question, outcome, created_at)
                VALUES (\(bind: callDistrict), \(bind: line.code), \(bind: hash), \(bind: caller.map { Data(vault.seal($0.value, field: .phone)) }),
                    \(bind: caller.map { Masking.phone($0.value) }), \(bind: talent), \(bind: started), \(bind: LocalDate(shanghaiMillis: started).description),
                    \(bind: p.userId), \(bind: question), \(bind: CallOutcome.open.rawValue), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
        }
        return try await call(id, by: p)
    }

    static let columns = """
        c.id, c.line_code, c.district_code, c.caller_phone_masked, c.talent_id, c.started_at, c.duration_seconds, c.dispatcher_id,
        u.display_name, c.question, c.outcome, c.order_id, o.received_on, c.transferred_to, c.note, c.closed_at
        """
    static let joins = "LEFT JOIN users u ON u.id = c.dispatcher_id LEFT JOIN work_orders o ON o.id = c.order_id"

    static func callRecord(_ row: any SQLRow) throws -> HotlineCall {
        HotlineCall(id: try row.decode(column: "id", as: Int64.self), line: try row.decode(column: "line_code", as: String.self),
                    districtCode: try row.decode(column: "district_code", as: String.self),
                    callerPhoneMasked: try row.decode(column: "caller_phone_masked", as: String?.self),
                    talentId: try row.decode(column: "talent_id", as: Int64?.self), startedAt: try row.decode(column: "started_at", as: Int64.self),
                    durationSeconds: try row.decode(column: "duration_seconds", as: Int?.self),
                    dispatcherId: try row.decode(column: "dispatcher_id", as: Int64.self),
                    dispatcherName: try row.decode(column: "display_name", as: String?.self) ?? "",
                    question: try row.decode(column: "question", as: String.self),
                    outcome: CallOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .open,
                    orderId: try row.decode(column: "order_id", as: Int64?.self),
                    orderNumber: try row.decode(column: "order_id", as: Int64?.self).flatMap { id in
                        try row.decode(column: "received_on", as: String?.self).flatMap(LocalDate.init).map { WorkOrderRecord.number(id: id, receivedOn: $0) }
                    },
                    transferredTo: try row.decode(column: "transferred_to", as: String?.self),
                    note: try row.decode(column: "note", as: String?.self), closedAt: try row.decode(column: "closed_at", as: Int64?.self), articles: [])
    }

    /// One call with the articles used on it; 404 unless `p` may see its line.
    public func call(_ id: Int64, by p: Principal) async throws -> HotlineCall {
        let lines = try await visibleLines(p).map(\.code)
        guard !lines.isEmpty else { throw CoreError.notFound("call") }
        return try await db.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM hotline_calls c \(unsafeRaw: Self.joins)
                WHERE c.id = \(bind: id) AND c.line_code IN (\(binds: lines))
                """).first() else { throw CoreError.notFound("call") }
            var call = try Self.callRecord(row)
            call.articles = try await db.raw("""
                SELECT ca.article_id, ca.version, ca.at, v.title FROM hotline_call_articles ca
                JOIN kb_article_versions v ON v.article_id = ca.article_id AND v.version = ca.version
                WHERE ca.call_id = \(bind: id) ORDER BY ca.at, ca.article_id
                """).all().map { r in
                HotlineCall.ArticleUse(articleId: try r.decode(column: "article_id", as: Int64.self), version: try r.decode(column: "version", as: Int.self),
                                       title: try r.decode(column: "title", as: String.self), at: try r.decode(column: "at", as: Int64.self))
            }
            return call
        }
    }

    /// Calls newest first, paged by id (`after`: the last id of the previous page).
    public func calls(_ filter: CallFilter, by p: Principal, limit: Int, after: Int64?) async throws -> [HotlineCall] {
        let lines = try await visibleLines(p).map(\.code)
        guard !lines.isEmpty else { throw CoreError.forbidden("只有热线受理员和管理人员可以查看来电记录 / only the desk and its managers see calls") }
        let condition = Self.condition(filter, lines: lines)
        return try await db.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM hotline_calls c \(unsafeRaw: Self.joins)
                WHERE \(condition) AND c.id < \(bind: after ?? Int64.max) ORDER BY c.id DESC LIMIT \(bind: limit)
                """).all().map(Self.callRecord)
        }
    }

    static func condition(_ f: CallFilter, lines: [String]) -> SQLQueryString {
        var sql: SQLQueryString = "c.line_code IN (\(binds: lines))"
        if let line = f.line { sql = sql + " AND c.line_code = \(bind: line)" }
        if let d = f.dispatcherId { sql = sql + " AND c.dispatcher_id = \(bind: d)" }
        if let o = f.outcome { sql = sql + " AND c.outcome = \(bind: o.rawValue)" }
        if let from = f.from { sql = sql + " AND c.started_on >= \(bind: from.description)" }
        if let to = f.to { sql = sql + " AND c.started_on <= \(bind: to.description)" }
        return sql
    }

    /// The call, for a move by its dispatcher (or another dispatcher of the desk) while it is open.
    func openCall(_ id: Int64, by p: Principal) async throws -> HotlineCall {
        guard p.has(.dispatcher) else { throw CoreError.notFound("call") }
        let call = try await call(id, by: p)
        guard call.outcome == .open else { throw CoreError.conflict("来电已结束：\(call.outcome.chinese) / the call is closed already") }
        return call
    }

    /// Records that an article was used to answer the call (the version offered now).
    public func useArticle(_ articleId: Int64, on id: Int64, by p: Principal) async throws -> HotlineCall {
        _ = try await openCall(id, by: p)
        let today = LocalDate(shanghaiMillis: clock.nowMillis()).description
        try await db.transaction { db in
            guard let row = try await db.raw("""
                SELECT published_version FROM kb_articles WHERE id = \(bind: articleId) AND published_version IS NOT NULL
                AND effective_on <= \(bind: today) AND (expires_on IS NULL OR expires_on >= \(bind: today))
                """).first() else { throw CoreError.invalid("articleId", "知识不存在或未发布 / no such published article") }
            let version = try row.decode(column: "published_version", as: Int.self)
            try await db.raw("""
                INSERT INTO hotline_call_articles (call_id, article_id, version, at) VALUES (\(bind: id), \(bind: articleId), \(bind: version), \(bind: clock.nowMillis()))
                ON CONFLICT (call_id, article_id) DO NOTHING
                """).run()
        }
        return try await call(id, by: p)
    }

    /// Ends a call that did not become an order: answered, transferred (to whom) or dropped.
    public func close(_ id: Int64, _ input: CallClosing, by p: Principal) async throws -> HotlineCall {
        let call = try await openCall(id, by: p)
        var errors = FieldErrors()
        let outcome = input.outcome.flatMap(CallOutcome.init(rawValue:))
        if outcome == nil || outcome == .open || outcome == .order {
            errors.add("outcome", "应为 answered、transferred 或 dropped（转工单用 /order）/ answered, transferred or dropped (file an order with /order)")
        }
        if outcome == .transferred, (input.transferredTo ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add("transferredTo", "转接须写明去向 / say where the call was put through")
        }
        if let d = input.durationSeconds, !(0...86_400).contains(d) { errors.add("durationSeconds", "0–86400 秒 / 0 to 86400 seconds") }
        errors.text("transferredTo", input.transferredTo, max: 100)
        errors.text("note", input.note, max: Self.noteMax)
        errors.text("question", input.question, max: Self.questionMax)
        try errors.throwIfAny()
        let now = clock.nowMillis()
        let duration = input.durationSeconds ?? Int(max(0, now - call.startedAt) / 1000)
        func masked(_ s: String?) -> String? { s.map { PersonalNumbers.masked($0).text } }
        let (note, question, transferredTo) = (masked(input.note), masked(input.question) ?? call.question, masked(input.transferredTo))
        try await db.transaction { db in
            let changed = try await db.raw("""
                UPDATE hotline_calls SET outcome = \(bind: outcome!.rawValue), duration_seconds = \(bind: duration),
                    transferred_to = \(bind: outcome == .transferred ? transferredTo : nil), note = \(bind: note),
                    question = \(bind: question), closed_at = \(bind: now)
                WHERE id = \(bind: id) AND outcome = \(bind: CallOutcome.open.rawValue)
                RETURNING id
                """).all()
            if changed.isEmpty { throw CoreError.conflict("来电已结束 / the call is closed already") }
        }
        return try await self.call(id, by: p)
    }

    /// Files a work order from the call through the one filing path (channel `phone`, the call's
    /// line, its caller's number and talent unless the order names others), and closes the call
    /// as `order`. With an Idempotency-Key a retry returns the same order.
    public func fileOrder(from id: Int64, _ input: NewWorkOrder, durationSeconds: Int?, by p: Principal,
                          idempotencyKey: String?, request: [UInt8]) async throws -> (call: HotlineCall, orderId: Int64, replayed: Bool) {
        if let key = idempotencyKey, let earlier = try await idempotency.earlierAnswer(userId: p.userId, key: key, request: request) {
            return (try await call(id, by: p), Int64(earlier.body) ?? 0, true)
        }
        let call = try await openCall(id, by: p)
        if let d = durationSeconds, !(0...86_400).contains(d) { throw CoreError.invalid("durationSeconds", "0–86400 秒 / 0 to 86400 seconds") }
        var order = input
        order.channel = "phone"
        if order.talentId == nil { order.talentId = call.talentId }
        if order.contact?.phone == nil, let phone = try await callerPhone(id) {
            order.contact = .init(name: order.contact?.name, phone: phone)
        }
        if order.districtCode == nil, let code = OrgCode(call.districtCode), try await orgs.tree()[code]?.kind.isDistrictLevel == true {
            order.districtCode = call.districtCode
        }
        if order.title == nil, !call.question.isEmpty { order.title = String(call.question.prefix(60)) }
        if order.content == nil, !call.question.isEmpty { order.content = call.question }
        let now = clock.nowMillis()
        let duration = durationSeconds ?? Int(max(0, now - call.startedAt) / 1000)
        let filed = NIOLockedValueBox<Int64?>(nil)
        let finalOrder = order
        let answer = try await idempotency.once(userId: p.userId, key: idempotencyKey, request: request, writer: workOrders.filings) {
            var (record, writes) = try await workOrders.plan(finalOrder, by: p, routedTo: nil, line: call.line)
            writes.execute("""
                UPDATE hotline_calls SET outcome = \(bind: CallOutcome.order.rawValue), order_id = \(bind: record.id),
                    duration_seconds = \(bind: duration), closed_at = \(bind: now)
                WHERE id = \(bind: id) AND outcome = \(bind: CallOutcome.open.rawValue)
                """, expecting: 1, otherwise: CoreError.conflict("来电已结束 / the call is closed already"))
            filed.withLockedValue { $0 = record.id }
            return (201, String(record.id), writes)
        }
        return (try await self.call(id, by: p), Int64(answer.body) ?? filed.withLockedValue { $0 } ?? 0, answer.replayed)
    }

    /// The caller's number in full, for the order filed from the call (sealed like the order's).
    func callerPhone(_ id: Int64) async throws -> String? {
        let sealed = try await db.read { db in
            try await db.raw("SELECT caller_phone_sealed FROM hotline_calls WHERE id = \(bind: id)").first()?.decode(column: "caller_phone_sealed", as: Data?.self)
        }
        guard let sealed else { return nil }
        return try vault.open([UInt8](sealed), field: .phone)
    }

    // MARK: Figures

    /// Calls, orders per call and first-call resolution for a period (this month by default), in
    /// total, per line and per dispatcher; orders filed per line from the orders themselves.
    public func figures(_ filter: CallFilter, by p: Principal) async throws -> CallFigures {
        let lines = try await visibleLines(p).map(\.code)
        guard !lines.isEmpty else { throw CoreError.forbidden("只有热线受理员和管理人员可以查看热线统计 / only the desk and its managers see its figures") }
        let today = LocalDate(shanghaiMillis: clock.nowMillis())
        var f = filter
        f.from = f.from ?? LocalDate(year: today.year, month: today.month, day: 1)!
        f.to = f.to ?? today
        let condition = Self.condition(f, lines: lines)
        let period = f
        return try await db.read { db in
            var figures = CallFigures(from: period.from!, to: period.to!)
            let rows = try await db.raw("""
                SELECT c.line_code, u.username, c.outcome, count(*) AS n,
                       sum(CASE WHEN EXISTS (SELECT 1 FROM hotline_call_articles ca WHERE ca.call_id = c.id) THEN 1 ELSE 0 END) AS kb
                FROM hotline_calls c LEFT JOIN users u ON u.id = c.dispatcher_id
                WHERE \(condition) GROUP BY c.line_code, u.username, c.outcome
                """).all()
            for row in rows {
                let outcome = CallOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .open
                let n = try row.decode(column: "n", as: Int.self), kb = try row.decode(column: "kb", as: Int?.self) ?? 0
                figures.total.add(outcome, calls: n, fromKnowledgeBase: kb)
                figures.byLine[try row.decode(column: "line_code", as: String.self), default: .init()].add(outcome, calls: n, fromKnowledgeBase: kb)
                figures.byDispatcher[try row.decode(column: "username", as: String?.self) ?? "?", default: .init()].add(outcome, calls: n, fromKnowledgeBase: kb)
            }
            let wanted = period.line.map { [$0] } ?? lines
            for row in try await db.raw("""
                SELECT line_code, count(*) AS n FROM work_orders
                WHERE line_code IN (\(binds: wanted)) AND received_on >= \(bind: period.from!.description) AND received_on <= \(bind: period.to!.description)
                GROUP BY line_code
                """).all() {
                figures.ordersByLine[try row.decode(column: "line_code", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return figures
        }
    }
}
