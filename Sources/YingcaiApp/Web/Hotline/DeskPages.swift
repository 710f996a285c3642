import Foundation
import Hummingbird
import Organisations
import WorkOrderRules
import YingcaiCore

/// 来电答复: the dispatcher records a call, searches the knowledge base with the caller's question
/// (a search button; no script needed), records the article used, and closes the call — or files
/// an order from it. The call log with the desk's figures beside it.
struct DeskPages {
    let web: Web
    var app: Yingcai { web.app }

    typealias Hit = KnowledgePages.Hit
    struct Used: Sendable { let title: String; let version: Int }
    struct CallPage: Sendable {
        let id: Int64
        let line: String
        let phone: String
        let talent: String?
        let question: String
        let outcome: String
        let isOpen: Bool
        /// The call is open and the visitor is a dispatcher of its desk (a supervisor reads only).
        let canAct: Bool
        let orderHref: String?
        let orderNumber: String?
        let q: String
        let hits: [Hit]
        let searched: Bool
        let used: [Used]
        let categories: [SelectOption]
        let districts: [SelectOption]
        let error: String?
    }
    struct Row: Sendable { let href: String; let started: String; let line: String; let phone: String; let question: String; let outcome: String; let dispatcher: String }
    struct Figure: Sendable { let line: String; let calls: Int; let orders: Int; let answered: Int; let fcr: String; let perOrder: String }
    struct LogPage: Sendable { let rows: [Row]; let figures: [Figure]; let from: String; let to: String }

    func add(to table: RouteTable) {
        table.page(.post, "/intake/calls") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let call = try await app.hotline.record(NewCall(line: f["line"], callerPhone: f["callerPhone"], question: f["question"]), by: v.user)
                return Web.redirect("/intake/calls/\(call.id)?q=" + (call.question.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
        }
        table.page(.get, "/intake/calls") { request, _ in
            try await web.page(request) { v in try await logPage(v) }
        }
        table.page(.get, "/intake/calls/{id}") { request, context in
            try await web.page(request) { v in
                try await callPage(v, id: try id(context), q: request.uri.queryParameters.get("q").map { String($0) }, error: nil)
            }
        }
        table.page(.post, "/intake/calls/{id}/articles") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id = try id(context)
                guard let article = f["articleId"].flatMap({ Int64($0) }) else { throw CoreError.invalid("articleId", "请选择知识 / choose an article") }
                _ = try await app.hotline.useArticle(article, on: id, by: v.user)
                return Web.redirect("/intake/calls/\(id)")
            }
        }
        table.page(.post, "/intake/calls/{id}/close") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id = try id(context)
                return try await Web.redisplaying({ error, status in try await callPage(v, id: id, q: nil, error: error, status: status) }) {
                    _ = try await app.hotline.close(id, CallClosing(outcome: f["outcome"], transferredTo: f["transferredTo"], note: f["note"]), by: v.user)
                    return Web.redirect("/intake/calls/\(id)")
                }
            }
        }
        table.page(.post, "/intake/calls/{id}/order") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id = try id(context)
                let order = NewWorkOrder(category: f["category"], contact: .init(name: f["contactName"]), title: f["title"], content: f["content"],
                                         districtCode: f["districtCode"], urgent: f["urgent"] == "1")
                return try await Web.redisplaying({ error, status in try await callPage(v, id: id, q: nil, error: error, status: status) }) {
                    let filed = try await app.hotline.fileOrder(from: id, order, durationSeconds: nil, by: v.user,
                                                                idempotencyKey: f["_once"].flatMap { $0.isEmpty ? nil : "page:" + $0 }, request: Array("call-order:\(id)".utf8))
                    return Web.redirect("/orders/\(filed.orderId)")
                }
            }
        }
    }

    func id(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("call") }
        return id
    }

    func callPage(_ v: Visit, id: Int64, q: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let call = try await app.hotline.call(id, by: v.user)
        let tree = try await app.orgs.tree()
        let query = (q ?? "").trimmingCharacters(in: .whitespaces)
        var hits: [Hit] = []
        if !query.isEmpty {
            hits = try await app.knowledge.search(query, ArticleFilter(district: call.districtCode == "500000" ? nil : call.districtCode), limit: 8).map { Hit($0, v) }
        }
        let talent = await call.talentId.asyncMap { try? await app.talents.talent($0, by: v.user) }.flatMap { $0 }
        let page = CallPage(
            id: call.id, line: call.line, phone: call.callerPhoneMasked ?? "—", talent: talent.map { "\($0.name)（\($0.tier?.rawValue ?? "-")）" },
            question: call.question, outcome: v.pick(call.outcome.chinese, call.outcome.rawValue), isOpen: call.outcome == .open, canAct: call.outcome == .open && v.user.has(.dispatcher),
            orderHref: call.orderId.map { "/orders/\($0)" }, orderNumber: call.orderNumber, q: query, hits: hits, searched: !query.isEmpty,
            used: call.articles.map { Used(title: $0.title, version: $0.version) },
            categories: WorkOrderCategory.allCases.filter { $0 != .service }.map { .init(value: $0.rawValue, label: v.label($0), selected: false) },
            districts: tree.allDistricts.map {
                .init(value: $0.code.rawValue, label: v.english ? $0.nameEn : $0.name, selected: $0.code.rawValue == call.districtCode)
            },
            error: error)
        return web.render("desk-call", page, v, title: v.pick("来电 \(call.line) · #\(call.id)", "Call \(call.line) · #\(call.id)"), status: status)
    }

    func logPage(_ v: Visit) async throws -> Response {
        let calls = try await app.hotline.calls(CallFilter(), by: v.user, limit: 100, after: nil)
        // The last 30 days, today included.
        let figures = try await app.hotline.figures(CallFilter(from: app.clock.today.adding(days: -29)), by: v.user)
        func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        var rows: [Figure] = figures.byLine.keys.sorted().map { line in
            let c = figures.byLine[line]!
            return Figure(line: line, calls: c.calls, orders: c.orders, answered: c.answered, fcr: percent(c.firstCallResolution),
                          perOrder: c.orders == 0 ? "—" : String(format: "%.1f", Double(c.calls) / Double(c.orders)))
        }
        let t = figures.total
        rows.append(Figure(line: v.pick("合计", "Total"), calls: t.calls, orders: t.orders, answered: t.answered, fcr: percent(t.firstCallResolution),
                           perOrder: t.orders == 0 ? "—" : String(format: "%.1f", Double(t.calls) / Double(t.orders))))
        let page = LogPage(rows: calls.map { c in
            Row(href: "/intake/calls/\(c.id)", started: Formatting.dateTime(c.startedAt), line: c.line, phone: c.callerPhoneMasked ?? "—",
                question: c.question.isEmpty ? "—" : c.question, outcome: v.pick(c.outcome.chinese, c.outcome.rawValue), dispatcher: c.dispatcherName)
        }, figures: rows, from: figures.from.description, to: figures.to.description)
        return web.render("desk-calls", page, v, title: v.t("callLog"))
    }
}
