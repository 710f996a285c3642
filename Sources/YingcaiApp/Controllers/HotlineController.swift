import Foundation
import Hummingbird
import WorkCalendar
import YingcaiCore

/// 热线受理台: the lines, the call log, orders filed from calls, and the desk's figures.
struct HotlineController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.get("/hotline/lines") { _, context in
            _ = try context.user()
            return try JSON.response(["items": try await app.hotline.lines().map(LineDTO.init)])
        }
        api.put("/hotline/lines/{code}") { request, context in
            struct Body: Decodable { let name: String; let nameEn: String; let orgCode: String }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            let line = HotlineLine(code: context.parameters.get("code") ?? "", name: body.name, nameEn: body.nameEn, orgCode: body.orgCode)
            return try JSON.response(LineDTO(try await app.hotline.setLine(line, by: try context.user())))
        }
        api.post("/calls") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(NewCall.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { _ in
                try JSON.text(HotlineCallDTO(try await app.hotline.record(input, by: user)))
            }
        }
        api.get("/calls") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            let filter = try Self.filter(request)
            let items = try await app.hotline.calls(filter, by: try context.user(), limit: limit, after: try Paging.id(q.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: items.map(HotlineCallDTO.init), nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
        api.get("/calls/figures") { request, context in
            let figures = try await app.hotline.figures(try Self.filter(request), by: try context.user())
            return try JSON.response(CallFiguresDTO(figures))
        }
        api.get("/calls/{id}") { _, context in
            try JSON.response(HotlineCallDTO(try await app.hotline.call(try Self.id(context), by: try context.user())))
        }
        api.post("/calls/{id}/articles") { request, context in
            struct Body: Decodable { let articleId: Int64 }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(HotlineCallDTO(try await app.hotline.useArticle(body.articleId, on: try Self.id(context), by: try context.user())))
        }
        api.post("/calls/{id}/close") { request, context in
            let input = try await JSON.decode(CallClosing.self, from: request, context: context)
            return try JSON.response(HotlineCallDTO(try await app.hotline.close(try Self.id(context), input, by: try context.user())))
        }
        api.post("/calls/{id}/order") { request, context in
            struct Body: Decodable { let order: NewWorkOrder?; let durationSeconds: Int? }
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let body = try JSON.decode(Body.self, from: bytes)
            let key = request.headers[.idempotencyKey]
            let (call, orderId, replayed) = try await app.hotline.fileOrder(from: try Self.id(context), body.order ?? NewWorkOrder(), durationSeconds: body.durationSeconds,
                                                                            by: user, idempotencyKey: key, request: fingerprint(request, bytes, key))
            var response = try JSON.response(FiledFromCallDTO(call: HotlineCallDTO(call), orderId: orderId, orderNumber: call.orderNumber ?? ""), status: .created)
            if replayed { response.headers[.idempotentReplayed] = "true" }
            return response
        }
    }

    static func id(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
        return id
    }

    static func filter(_ request: Request) throws -> CallFilter {
        let q = request.uri.queryParameters
        func text(_ k: String) -> String? { q.get(k).flatMap { $0.isEmpty ? nil : $0 } }
        func date(_ k: String) throws -> LocalDate? {
            try text(k).map { raw in
                guard let d = LocalDate(raw) else { throw CoreError.invalid(k, "日期格式 YYYY-MM-DD / a date YYYY-MM-DD") }
                return d
            }
        }
        var f = CallFilter(line: text("line"), from: try date("from"), to: try date("to"))
        if let raw = text("outcome") {
            guard let o = CallOutcome(rawValue: raw) else { throw CoreError.invalid("outcome", "未知结果 / unknown outcome") }
            f.outcome = o
        }
        if let raw = text("dispatcherId") {
            guard let id = Int64(raw), id > 0 else { throw CoreError.invalid("dispatcherId", "应为用户编号 / a user's id") }
            f.dispatcherId = id
        }
        if let from = f.from, let to = f.to, to < from { throw CoreError.invalid("to", "结束日期早于开始日期 / ends before it starts") }
        return f
    }
}

struct LineDTO: Encodable {
    let code: String, name: String, nameEn: String, orgCode: String
    init(_ l: HotlineLine) { code = l.code; name = l.name; nameEn = l.nameEn; orgCode = l.orgCode }
}

struct HotlineCallDTO: Encodable {
    struct ArticleDTO: Encodable { let articleId: Int64; let version: Int; let title: String; let at: String }
    let id: Int64
    let line: String
    let districtCode: String
    let callerPhone: String?
    let talentId: Int64?
    let startedAt: String
    let durationSeconds: Int?
    let dispatcherId: Int64
    let dispatcherName: String
    let question: String
    let outcome: String
    let orderId: Int64?
    let orderNumber: String?
    let transferredTo: String?
    let note: String?
    let closedAt: String?
    let articles: [ArticleDTO]

    init(_ c: HotlineCall) {
        id = c.id; line = c.line; districtCode = c.districtCode; callerPhone = c.callerPhoneMasked; talentId = c.talentId
        startedAt = RFC3339.string(c.startedAt); durationSeconds = c.durationSeconds; dispatcherId = c.dispatcherId
        dispatcherName = c.dispatcherName; question = c.question; outcome = c.outcome.rawValue; orderId = c.orderId
        orderNumber = c.orderNumber; transferredTo = c.transferredTo; note = c.note
        closedAt = c.closedAt.map(RFC3339.string)
        articles = c.articles.map { ArticleDTO(articleId: $0.articleId, version: $0.version, title: $0.title, at: RFC3339.string($0.at)) }
    }
}

struct FiledFromCallDTO: Encodable {
    let call: HotlineCallDTO
    let orderId: Int64
    let orderNumber: String
}

struct CallFiguresDTO: Encodable {
    struct Counts: Encodable {
        let calls: Int, answered: Int, orders: Int, transferred: Int, dropped: Int, open: Int, answeredFromKnowledgeBase: Int
        let ordersPerCall: Double, firstCallResolution: Double
        init(_ c: CallFigures.Counts) {
            calls = c.calls; answered = c.answered; orders = c.orders; transferred = c.transferred; dropped = c.dropped; open = c.open
            answeredFromKnowledgeBase = c.answeredFromKnowledgeBase
            ordersPerCall = (c.ordersPerCall * 1000).rounded() / 1000
            firstCallResolution = (c.firstCallResolution * 1000).rounded() / 1000
        }
    }
    let from: String, to: String
    let total: Counts
    let byLine: [String: Counts]
    let byDispatcher: [String: Counts]
    let ordersByLine: [String: Int]

    init(_ f: CallFigures) {
        from = f.from.description; to = f.to.description; total = Counts(f.total)
        byLine = f.byLine.mapValues(Counts.init); byDispatcher = f.byDispatcher.mapValues(Counts.init); ordersByLine = f.ordersByLine
    }
}
