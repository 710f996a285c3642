import Foundation
import Identity
import NIOConcurrencyHelpers
import Organisations
import PersonalData
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// What filing an order answers: the order filed now, or — for a retry under the same
/// `Idempotency-Key` — the first answer again, with nothing filed.
public struct Filing: Sendable {
    /// 201 and the caller's rendering of the new order, or the answer stored for the key.
    public let answer: Idempotency.Answer
    /// The order filed by this call; nil when the answer is a replay.
    public let record: WorkOrderRecord?
}

extension WorkOrderService {
    /// Files a work order: the one way in, for every channel (API, pages, hotline intake, demo). An
    /// application of a catalog item is routed at once to the item's department at the city or in
    /// the talent's district; other orders wait for a dispatcher.
    ///
    /// The order is worked out in full, then written with concurrent filings in one statement and
    /// commit (`filings`), or inside the caller's transaction if there is one. With an
    /// `idempotencyKey`, the remembered answer (`answer(record)`, the stored body) is written with the
    /// order, and a retry with the same key and `request` gets it back instead of a second order.
    public func file(_ input: NewWorkOrder, by principal: Principal, idempotencyKey: String? = nil, request: [UInt8] = [],
                     answer: @escaping @Sendable (WorkOrderRecord) -> String = { String($0.id) }) async throws -> Filing {
        let filed = NIOLockedValueBox<WorkOrderRecord?>(nil)
        let result = try await idempotency.once(userId: principal.userId, key: idempotencyKey, request: request, writer: filings) {
            let (record, writes) = try await plan(input, by: principal, routedTo: nil)
            filed.withLockedValue { $0 = record }
            return (201, answer(record), writes)
        }
        return Filing(answer: result, record: result.replayed ? nil : filed.withLockedValue { $0 })
    }

    /// `routedTo`: an order dispatched at once to that organisation, in the caller's transaction — a
    /// payout the talent confirmed (免申即享, on the `proactive` channel, to the policy's department),
    /// an objection to the talent programme's notice (to the city talent office).
    func file(_ input: NewWorkOrder, by principal: Principal, routedTo: String) async throws -> WorkOrderRecord {
        let (record, writes) = try await plan(input, by: principal, routedTo: routedTo)
        try await filings.write(writes)
        return record
    }

    /// A filing worked out in full — the order as it stands after receipt (and dispatch of an
    /// application), with everything it writes — but not yet written: until the caller writes
    /// `writes`, nothing of it exists. Reads join the caller's transaction, if any.
    /// `line`: the hotline line of an order filed from a call.
    /// `gateway`: filed by the Open311 gateway, the only way in for the `open311` channel.
    func plan(_ input: NewWorkOrder, by principal: Principal, routedTo: String?, line: String? = nil, gateway: Bool = false) async throws -> (record: WorkOrderRecord, writes: WriteSet) {
        let filing = try await prepare(input, by: principal, routedTo: routedTo, gateway: gateway)
        return (filing.record, writes(of: filing, calendar: try await calendars.calendar(), at: filing.record.rules.receivedAt, line: line))
    }

    /// An order checked and received (and routed, for an application), with the events and
    /// announcements of those steps in `after`; its own row is not yet among them (`writes(of:)`).
    struct PreparedFiling: Sendable {
        var record: WorkOrderRecord
        var after: WriteSet
        let contactPhone: PhoneNumber?
        /// The personal values taken out of the form and text (`PersonalForm`), sealed with the order.
        let personal: [String: String]
        let uploadIds: [String]
    }

    func prepare(_ input: NewWorkOrder, by principal: Principal, routedTo: String?, gateway: Bool = false) async throws -> PreparedFiling {
        let tree = try await orgs.tree()
        let calendar = try await calendars.calendar()
        let now = clock.nowMillis()
        let today = LocalDate(shanghaiMillis: now)
        var errors = FieldErrors()

        let channel = Channel(parsing: input.channel ?? "")?.rawValue ?? ""
        if channel.isEmpty {
            errors.add("channel", "渠道应为 \(Channel.codes.joined(separator: "、")) / unknown channel")
        } else if (channel == Channel.open311.rawValue) != gateway {
            errors.add("channel", "open311 渠道只经 /open311/v2 接口提交 / the open311 channel is the Open311 API's alone")
        }
        let category = WorkOrderCategory(parsing: input.category ?? "")
        if category == nil { errors.add("category", "类别应为 \(WorkOrderCategory.codes.joined(separator: "、")) / unknown category") }
        if !(input.title ?? "").isFilled(max: 200) { errors.add("title", "标题为 1–200 字 / a title of 1 to 200 characters") }
        if !(input.content ?? "").isFilled(max: 5000) { errors.add("content", "内容为 1–5000 字 / content of 1 to 5000 characters") }
        errors.text("title", input.title, max: .max)
        errors.text("content", input.content, max: .max)
        errors.text("contact.name", input.contact?.name, max: 64)

        // Who the order is for: a talent (their own, a butler's, or found by a dispatcher) or a caller.
        var talentId = input.talentId
        var requesterId: Int64?
        if principal.isTalentOnly {
            guard let own = principal.talentId else {
                throw CoreError.conflict("请先登记人才信息 / register your talent record first")
            }
            if talentId != nil && talentId != own { throw CoreError.notFound("talent \(talentId!)") }
            talentId = own
            requesterId = principal.userId
            let ownChannels: [Channel] = [.web, .wechat]
            if !ownChannels.map(\.rawValue).contains(channel) && !channel.isEmpty && !(channel == Channel.proactive.rawValue && routedTo != nil) {
                errors.add("channel", "人才本人通过 web 或 wechat 提交 / talents apply on web or wechat")
            }
        } else if !principal.hasAny(.butler, .dispatcher, .handler, .admin) {
            throw CoreError.forbidden("无权提交工单 / you may not file work orders")
        }
        var talent: (id: Int64, userId: Int64?, district: String, tier: Tier?, butler: Int64?)?
        if let talentId {
            let row = try await db.read { sql in
                try await sql.raw("""
                    SELECT id, user_id, district_code, tier, tier_valid_until, butler_id FROM talents WHERE id = \(bind: talentId)
                    """).first()
            }
            guard let row else { throw CoreError.invalid("talentId", "人才不存在 / no such talent") }
            let until = try row.decode(column: "tier_valid_until", as: String?.self).flatMap { LocalDate($0) }
            let tier = (until.map { $0 >= today } ?? false) ? try row.decode(column: "tier", as: String?.self).flatMap(Tier.init(rawValue:)) : nil
            talent = (talentId, try row.decode(column: "user_id", as: Int64?.self), try row.decode(column: "district_code", as: String.self),
                      tier, try row.decode(column: "butler_id", as: Int64?.self))
            if !principal.isTalentOnly {
                // Staff file for talents they may see: a butler for their own talents, others in their area.
                let district = OrgCode(talent!.district)!
                let inArea = tree.isWithin(district, tree.area(of: principal.org))
                let isTheirButler = principal.has(.butler) && talent!.butler == principal.userId
                guard inArea || isTheirButler else { throw CoreError.invalid("talentId", "人才不存在 / no such talent") }
                requesterId = talent!.userId
            }
        }
        var contactName: String?
        var contactPhone: PhoneNumber?
        if let contact = input.contact {
            contactName = contact.name?.trimmed
            if let raw = contact.phone?.trimmed, !raw.isEmpty {
                do { contactPhone = try PhoneNumber(raw) } catch { errors.add("contact.phone", error.description) }
            }
        }
        if talentId == nil && (contactName ?? "").isEmpty {
            errors.add("contact.name", "无人才档案时须留联系人姓名 / a contact name is needed when no talent is named")
        }
        let district = input.districtCode ?? talent?.district ?? ""
        if let code = OrgCode(district), let node = tree[code], node.kind.isDistrictLevel {
            // fine
        } else {
            errors.add("districtCode", "区县代码不存在 / not a district, county or zone code")
        }

        // An application of a catalog item.
        var item: ServiceItem?
        var form: [String: FormValidation.Value] = input.form ?? [:]
        if category == .service && routedTo == nil {
            if let code = input.serviceItemCode, let found = try await catalog.item(code) {
                item = found
                if talent == nil { errors.add("talentId", "服务事项须由人才申请 / an application names the talent") }
                else if let tier = talent!.tier {
                    if !found.eligibleTiers.contains(tier.rawValue) {
                        errors.add("serviceItemCode", "该事项面向 \(found.eligibleTiers.joined(separator: "、")) 类人才，您为 \(tier.rawValue) 类 / this item serves tiers \(found.eligibleTiers.joined(separator: ",")) only")
                    }
                } else {
                    errors.add("serviceItemCode", "须先完成人才认定 / the talent has no valid tier")
                }
                if Channel.applicationChannels.map(\.rawValue).contains(channel) && !found.channels.contains(channel) {
                    errors.add("channel", "该事项不受理 \(channel) 渠道 / not offered on this channel")
                }
                for e in FormValidation.check(form, against: found.form) { errors.add(e.field, e.message) }
            } else {
                errors.add("serviceItemCode", "服务事项不存在 / no such service item")
            }
        } else {
            if input.serviceItemCode != nil { errors.add("serviceItemCode", "只有 service 类工单对应服务事项 / only applications name an item") }
            if form.count > 50 { errors.add("form", "表单项过多 / too many form fields") }
        }
        // Materials: uploads of the same user, fresh and not used by another order.
        var uploadIds: [String] = []
        if let item {
            let given = input.materials ?? [:]
            for m in item.materials where m.required && given[m.code] == nil {
                errors.add("materials.\(m.code)", "缺少必需材料「\(m.name)」/ required material missing")
            }
            for code in given.keys.sorted() where !item.materials.contains(where: { $0.code == code }) {
                errors.add("materials.\(code)", "该事项没有此材料 / the item has no such material")
            }
            for (code, uploadId) in given.sorted(by: { $0.key < $1.key }) where item.materials.contains(where: { $0.code == code }) {
                let row = try await db.read { sql in
                    try await sql.raw("SELECT user_id, created_at, order_id FROM uploads WHERE id = \(bind: uploadId)").first()
                }
                let usable = try row.map {
                    try $0.decode(column: "user_id", as: Int64.self) == principal.userId
                        && $0.decode(column: "order_id", as: Int64?.self) == nil
                        && $0.decode(column: "created_at", as: Int64.self) > now - 24 * 3_600_000
                } ?? false
                if usable { uploadIds.append(uploadId) } else {
                    errors.add("materials.\(code)", "上传文件不存在、已使用或已过期（24 小时）/ unknown, used or expired upload")
                }
            }
        } else if !(input.materials ?? [:]).isEmpty {
            errors.add("materials", "只有服务申请附材料 / only applications carry materials")
        }
        try errors.throwIfAny()
        form = form.filter { if case .null = $0.value { return false } else { return true } }
        // Personal data: typed fields and numbers written into text are stored masked, their values sealed.
        var personal: [String: String]
        (form, personal) = PersonalForm.split(form, fields: item?.form ?? [])
        let title = PersonalForm.text(input.title!.trimmed, field: "title", into: &personal)
        let content = PersonalForm.text(input.content!.trimmed, field: "content", into: &personal)

        // The rules: receipt, and routing of an application.
        let urgent = input.urgent ?? false
        let (received, _) = WorkOrder.receive(category: category!, urgent: urgent, promisedWorkdays: item?.commitWorkdays,
                                              at: now, calendar: calendar)
        let formJSON = String(decoding: try WorkOrderRecord.encoder.encode(form), as: UTF8.self)
        let id = try await ids.next(district: district)
        districts.remember(id, district)
        var rules = received
        rules.id = id
        var record = WorkOrderRecord(id: id, receivedOn: today, channel: channel, serviceItemCode: item?.code, talentId: talentId,
                                     requesterId: requesterId, filedBy: principal.userId, contactName: contactName,
                                     contactPhoneMasked: contactPhone.map { Masking.phone($0.value) }, title: title,
                                     content: content, districtCode: district, form: formJSON, rules: rules,
                                     lastSeq: 0, lastHash: EventChain.genesis)
        // The events, notifications and deliveries of receipt and routing, then the order's row as it
        // stands after them (written first: the rest refers to it).
        var after = WriteSet()
        record = append(record, action: "receive", from: nil, to: .received, note: nil, actorId: principal.userId,
                        actorName: principal.username, at: now, into: &after)
        try await outbox.enqueue(event: "work_order.received", key: "\(id):1",
                                 payload: WebhookOutbox.payload(record: record, action: "receive", from: nil, to: "received", at: now),
                                 at: now, into: &after)
        if let item {
            // 自动分派: the item's department, at the city or in the talent's district.
            let lead = Routing.leadOrg(for: item, district: talent!.district)
            let co = Routing.coOrgs(for: item, district: talent!.district, tree: tree)
            record = try await step(record, .dispatch(leadOrg: lead, coOrgs: co), actor: .system, actorId: nil, actorName: "system",
                                    at: now, calendar: calendar, into: &after)
        } else if let routedTo {
            record = try await step(record, .dispatch(leadOrg: routedTo, coOrgs: []), actor: .system, actorId: nil, actorName: "system",
                                    at: now, calendar: calendar, into: &after)
        }
        // An order waiting for a dispatcher needs no notification: the dispatchers' list of
        // received orders is their inbox.
        return PreparedFiling(record: record, after: after, contactPhone: contactPhone, personal: personal, uploadIds: uploadIds)
    }

    /// Everything a prepared filing writes: the order's row as it stands (written first: the rest
    /// refers to it), its figures, then the events and announcements, and the claim of its uploads.
    func writes(of filing: PreparedFiling, calendar: WorkCalendar, at now: Int64, line: String? = nil) -> WriteSet {
        let record = filing.record
        let phone = filing.contactPhone
        var writes = WriteSet()
        writes.insert("work_orders", columns: Self.insertColumns, values: [
            SQLBind(record.id), SQLBind(record.receivedOn.description), SQLBind(record.channel), SQLBind(record.rules.category.rawValue),
            SQLBind(record.serviceItemCode), SQLBind(record.talentId), SQLBind(record.requesterId), SQLBind(record.filedBy),
            SQLBind(record.contactName), SQLBind(phone.map { Data(vault.index($0.value, field: .phone)) }),
            SQLBind(phone.map { Data(vault.seal($0.value, field: .phone)) }), SQLBind(record.contactPhoneMasked),
            SQLBind(record.title), SQLBind(record.content), SQLBind(record.districtCode), SQLBind(record.rules.urgent ? 1 : 0), SQLBind(record.form),
            SQLBind(record.rules.state.rawValue), SQLBind(record.onClock ? 1 : 0), SQLBind(record.rules.leadOrg),
            SQLBind(record.rules.handlingDeadline.description), SQLBind(record.rules.receivedAt), SQLBind(record.rules.resolvedAt),
            SQLBind(record.rulesJSON), SQLBind(record.lastSeq), SQLBind(Data(record.lastHash)), SQLBind(now), SQLBind(record.queue?.rawValue),
            SQLBind(record.rules.pendingExtension),
            SQLBind(PersonalForm.encode(filing.personal).map { Data(vault.seal($0, field: .orderPersonal)) }), SQLBind(line),
        ])
        save(record, before: nil, calendar: calendar, at: now, into: &writes)
        writes.merge(filing.after)
        if !filing.uploadIds.isEmpty {
            // Claimed only if still free: two filings racing for one upload cannot both have it.
            writes.execute("UPDATE uploads SET order_id = \(bind: record.id) WHERE id IN (\(binds: filing.uploadIds)) AND order_id IS NULL",
                           expecting: filing.uploadIds.count,
                           otherwise: CoreError.invalid("materials", "上传文件已被其他工单使用 / an upload was used by another order"))
        }
        return writes
    }

    static let insertColumns = [
        "id", "received_on", "channel", "category", "service_item_code", "talent_id", "requester_id", "filed_by",
        "contact_name", "contact_phone_hash", "contact_phone_sealed", "contact_phone_masked", "title", "content", "district_code",
        "urgent", "form", "state", "on_clock", "lead_org", "handling_deadline", "received_at", "resolved_at", "rules", "last_seq",
        "last_hash", "updated_at", "queue", "pending_extension", "personal_sealed", "line_code",
    ]

    /// Applies one command through the rules and writes everything that follows from it.
    func transition(_ record: WorkOrderRecord, _ command: Command, actor: WorkOrderActor, actorId: Int64?, actorName: String,
                    note: String? = nil, at now: Int64, calendar: WorkCalendar, on sql: any SQLDatabase) async throws -> WorkOrderRecord {
        var writes = WriteSet()
        let after = try await step(record, command, actor: actor, actorId: actorId, actorName: actorName, note: note, at: now,
                                   calendar: calendar, into: &writes)
        save(after, before: record, calendar: calendar, at: now, into: &writes)
        try await writes.run(on: sql, dialect: db.dialect)
        return after
    }

    /// One command through the rules: the order after it, its event and what it announces (the
    /// order's own row and figures are left to `save`).
    func step(_ record: WorkOrderRecord, _ command: Command, actor: WorkOrderActor, actorId: Int64?, actorName: String,
              note: String? = nil, at now: Int64, calendar: WorkCalendar, into writes: inout WriteSet) async throws -> WorkOrderRecord {
        let t: Transition
        switch WorkOrderRules.apply(command, to: record.rules, by: actor, at: now, calendar: calendar) {
        case .success(let transition): t = transition
        case .failure(let error): throw WorkOrderError.rule(error)
        }
        var after = record
        after.rules = t.after
        after = append(after, action: t.action, from: t.from, to: t.to, note: note ?? t.note,
                       data: Self.eventData(command, t), actorId: actorId, actorName: actorName, at: now, into: &writes)
        try await announce(t, record: after, note: note ?? t.note, at: now, into: &writes)
        return after
    }

    /// The facts of an event beyond its note (the org dispatched to, the score, the days asked).
    static func eventData(_ command: Command, _ t: Transition) -> String? {
        switch command {
        case .dispatch(let lead, let co): return "leadOrg=\(lead)" + (co.isEmpty ? "" : ";coOrgs=\(co.joined(separator: ","))")
        case .rate(let score): return "score=\(score)"
        case .requestExtension(let days, _): return "workdays=\(days)"
        case .approveExtension: return "handlingDeadline=\(t.after.handlingDeadline)"
        case .resume: return "handlingDeadline=\(t.after.handlingDeadline)"
        case .merge(let into): return "into=\(into)"
        case .opinion(let org, _): return "org=\(org)"
        case .escalate: return "deadline=\(t.before.handlingDeadline)"
        default: return nil
        }
    }
}

/// Errors of the closed loop, mapped at the edge: a move the table refuses is 409.
public enum WorkOrderError: Error, Sendable, Equatable {
    case rule(RuleError)
}
