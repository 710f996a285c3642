import Foundation
import Hummingbird
import YingcaiCore

/// 工单: filing, moving, reading, verifying; figures; the inbox.
struct WorkOrdersController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.post("/work-orders") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(NewWorkOrder.self, from: bytes)
            let calendar = try await app.calendars.calendar()
            let key = request.headers[.idempotencyKey]
            let filing = try await app.workOrders.file(input, by: user, idempotencyKey: key, request: fingerprint(request, bytes, key)) { record in
                JSON.text(writing: WorkOrderDTO(view: app.workOrders.makeCreatedView(record, calendar: calendar)))
            }
            return respond(filing.answer)
        }
        api.get("/work-orders") { request, context in
            let p = request.uri.queryParameters
            let limit = try Paging.limit(p.get("limit"))
            func text(_ k: String) -> String? { p.get(k).flatMap { $0.isEmpty ? nil : $0 } }
            var pending: Bool?
            if let raw = text("pendingExtension") {
                guard let v = Bool(raw) else { throw CoreError.invalid("pendingExtension", "应为 true 或 false / true or false") }
                pending = v
            }
            let page = try await app.workOrders.list(
                WorkOrderQuery(state: text("state"), warning: text("warning"), districtCode: text("districtCode"),
                               assignedOrg: text("assignedOrg"), leadOrg: text("leadOrg"), queue: text("queue"), q: text("q"), talentId: try text("talentId").map { raw in
                                   guard let id = Int64(raw), id > 0 else { throw CoreError.invalid("talentId", "应为人才编号 / a talent's id") }
                                   return id
                               },
                               pendingExtension: pending, coHandledBy: text("coHandledBy"), limit: limit, cursor: try Paging.position(text("cursor"), app.cursors)),
                by: try context.user())
            return JSON.response(writing: WorkOrderPageDTO(items: page.items, nextCursor: page.nextCursor.map(app.cursors.seal)))
        }
        api.get("/work-orders/{id}") { _, context in
            let view = try await app.workOrders.view(try orderId(context), by: try context.user())
            return JSON.response(writing: WorkOrderDTO(view: view))
        }
        api.get("/work-orders/{id}/personal-data") { _, context in
            let data = try await app.workOrders.personalData(try orderId(context), by: try context.user())
            return try JSON.response(PersonalDataAnswer(contactPhone: data.contactPhone, values: data.values))
        }
        api.get("/work-orders/{id}/verify") { _, context in
            let result = try await app.workOrders.verify(try orderId(context), by: try context.user())
            return try JSON.response(VerifyAnswer(intact: result.intact, events: result.events, brokenAt: result.brokenAt))
        }
        api.post("/work-orders/{id}/{action}") { request, context in
            let user = try context.user()
            let id = try orderId(context)
            guard let action = context.parameters.get("action"), WorkOrderService.actions.contains(action) else {
                throw Problem.notFound("没有这个操作 / no such action")
            }
            let bytes = try await request.bodyData(context)
            let input = bytes.isEmpty ? WorkOrderActionInput() : try JSON.decode(WorkOrderActionInput.self, from: bytes)
            let view = try await app.workOrders.act(id, action: action, input, by: user)
            return JSON.response(writing: WorkOrderDTO(view: view))
        }
        api.get("/metrics/work-orders") { request, context in
            let p = request.uri.queryParameters
            let report = try await app.figures.report(org: p.get("org"), from: p.get("from"), to: p.get("to"), by: try context.user())
            return JSON.response(writing: FiguresAnswer(report))
        }
        api.get("/me/notifications") { request, context in
            let user = try context.user()
            let limit = try Paging.limit(request.uri.queryParameters.get("limit"))
            let items = try await app.notifications(for: user, limit: limit, after: try Paging.id(request.uri.queryParameters.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: items.map(NotificationDTO.init), nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
        api.post("/webhooks") { request, context in
            struct Body: Decodable { let url: String; let secret: String; let events: [String] }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            let hook = try await app.outbox.subscribe(url: body.url, secret: body.secret, events: body.events, by: try context.user())
            return try JSON.response(["id": String(hook.id), "url": hook.url, "events": hook.events.joined(separator: ",")], status: .created)
        }
    }

    func orderId(_ context: AppContext) throws -> Int64 {
        guard let raw = context.parameters.get("id") else { throw Problem.notFound() }
        if let id = Int64(raw) { return id }
        if let id = WorkOrderRecord.id(fromNumber: raw) { return id }
        throw Problem.notFound()
    }
}

struct PersonalDataAnswer: Encodable {
    let contactPhone: String?
    let values: [String: String]
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(contactPhone, forKey: .contactPhone)
        try c.encode(values, forKey: .values)
    }
    enum CodingKeys: String, CodingKey { case contactPhone, values }
}

struct VerifyAnswer: Encodable {
    let intact: Bool
    let events: Int
    let brokenAt: Int?
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intact, forKey: .intact)
        try c.encode(events, forKey: .events)
        try c.encode(brokenAt, forKey: .brokenAt)
    }
    enum CodingKeys: String, CodingKey { case intact, events, brokenAt }
}

struct NotificationDTO: Encodable {
    let id: Int64
    let orderId: Int64?
    let kind: String
    let message: String
    let createdAt: String
    init(_ n: InboxNotification) {
        id = n.id; orderId = n.orderId; kind = n.kind; message = n.message; createdAt = RFC3339.string(n.createdAt)
    }
}

/// The figures' answer, written by hand (its keys in order, as JSONEncoder's `sortedKeys` wrote
/// them, and a rate that has no value left out): with a district's full figures for each of 41
/// districts, Foundation's encoder took a quarter of a city figures request's time in the instance.
struct FiguresAnswer: JSONWritable {
    let report: WorkOrderFigures.Report

    init(_ report: WorkOrderFigures.Report) { self.report = report }

    func write(to json: inout JSONWriter) {
        let r = report, t = r.totals
        json.beginObject()
        Self.rate(&json, "avgHandlingWorkdays", t.avgHandlingWorkdays)
        Self.breakdowns(&json, t)
        json.key("from"); json.string(r.from.description)
        Self.rate(&json, "onTimeRate", t.onTimeRate)
        json.key("org"); json.string(r.org)
        json.key("overdue"); json.int(r.overdue)
        json.key("rankings")
        json.beginObject()
        json.key("departments"); Self.ranking(&json, r.departments)
        json.key("districts"); Self.ranking(&json, r.districts)
        json.endObject()
        Self.rate(&json, "resolutionRate", t.resolutionRate)
        json.key("resolved"); json.int(t.resolved)
        Self.rate(&json, "satisfactionRate", t.satisfactionRate)
        Self.rate(&json, "signForRate", t.signForRate)
        json.key("to"); json.string(r.to.description)
        json.key("total"); json.int(t.total)
        json.key("yellow"); json.int(r.yellow)
        json.endObject()
    }

    static func ranking(_ json: inout JSONWriter, _ ranked: [WorkOrderFigures.Ranked]) {
        json.beginArray()
        for (i, d) in ranked.enumerated() {
            let t = d.totals
            json.beginObject()
            json.key("code"); json.string(d.code)
            json.key("figures")
            json.beginObject()
            rate(&json, "avgHandlingWorkdays", t.avgHandlingWorkdays)
            breakdowns(&json, t)
            json.key("dispatched"); json.int(t.dispatched)
            rate(&json, "onTimeRate", t.onTimeRate)
            rate(&json, "resolutionRate", t.resolutionRate)
            json.key("resolved"); json.int(t.resolved)
            rate(&json, "satisfactionRate", t.satisfactionRate)
            rate(&json, "signForRate", t.signForRate)
            json.key("total"); json.int(t.total)
            json.endObject()
            json.key("name"); json.string(d.name)
            json.key("rank"); json.int(Int64(i + 1))
            json.endObject()
        }
        json.endArray()
    }

    static func breakdowns(_ json: inout JSONWriter, _ t: WorkOrderFigures.Totals) {
        json.key("byCategory"); json.counts(t.byCategory)
        json.key("byChannel"); json.counts(t.byChannel)
        json.key("byState"); json.counts(t.byState)
    }

    /// A rate rounded to four places; none (nothing to divide by) leaves the key out.
    static func rate(_ json: inout JSONWriter, _ key: StaticString, _ value: Double?) {
        guard let value else { return }
        json.key(key); json.double(round4(value))
    }
}

func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }

