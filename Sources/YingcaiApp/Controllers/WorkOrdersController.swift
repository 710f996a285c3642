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
            return try JSON.response(FiguresAnswer(report))
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

struct FiguresAnswer: Encodable {
    struct Figures: Encodable {
        let total: Int64
        let byState: [String: Int64]
        let byChannel: [String: Int64]
        let byCategory: [String: Int64]
        let dispatched: Int64
        let resolved: Int64
        let onTimeRate: Double?
        let avgHandlingWorkdays: Double?
        let signForRate: Double?
        let satisfactionRate: Double?
        let resolutionRate: Double?
        init(_ t: WorkOrderFigures.Totals) {
            total = t.total; byState = t.byState; byChannel = t.byChannel; byCategory = t.byCategory
            dispatched = t.dispatched; resolved = t.resolved; onTimeRate = t.onTimeRate.map(round4)
            avgHandlingWorkdays = t.avgHandlingWorkdays.map(round4); signForRate = t.signForRate.map(round4)
            satisfactionRate = t.satisfactionRate.map(round4); resolutionRate = t.resolutionRate.map(round4)
        }
    }
    struct RankedDTO: Encodable {
        let code: String
        let name: String
        let rank: Int
        let figures: Figures
    }
    let org: String
    let from: String
    let to: String
    let total: Int64
    let byState: [String: Int64]
    let byChannel: [String: Int64]
    let byCategory: [String: Int64]
    let resolved: Int64
    let onTimeRate: Double?
    let avgHandlingWorkdays: Double?
    let signForRate: Double?
    let satisfactionRate: Double?
    let resolutionRate: Double?
    let overdue: Int64
    let yellow: Int64
    let rankings: [String: [RankedDTO]]

    init(_ r: WorkOrderFigures.Report) {
        let f = Figures(r.totals)
        org = r.org; from = r.from.description; to = r.to.description
        total = f.total; byState = f.byState; byChannel = f.byChannel; byCategory = f.byCategory; resolved = f.resolved
        onTimeRate = f.onTimeRate; avgHandlingWorkdays = f.avgHandlingWorkdays; signForRate = f.signForRate
        satisfactionRate = f.satisfactionRate; resolutionRate = f.resolutionRate; overdue = r.overdue; yellow = r.yellow
        rankings = [
            "districts": r.districts.enumerated().map { RankedDTO(code: $1.code, name: $1.name, rank: $0 + 1, figures: Figures($1.totals)) },
            "departments": r.departments.enumerated().map { RankedDTO(code: $1.code, name: $1.name, rank: $0 + 1, figures: Figures($1.totals)) },
        ]
    }
}

func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }

