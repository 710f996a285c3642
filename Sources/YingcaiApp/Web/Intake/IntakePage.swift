import Foundation
import Hummingbird
import Organisations
import WorkOrderRules
import YingcaiCore

/// 来电登记: the dispatcher finds the caller's record by their number and files the call as an order.
struct IntakePage: Sendable {
    struct Found: Sendable {
        let id: Int64
        let name: String
        let tier: String
        let district: String
        let phoneMasked: String
    }

    let phone: String
    let looked: Bool
    let talent: Found?
    let categories: [SelectOption]
    let districts: [SelectOption]
    let error: String?
    let lines: [SelectOption]
    let openCalls: [Link]

    struct Link: Sendable { let href: String; let label: String }
}

struct IntakePages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/intake") { request, _ in
            try await web.page(request) { v in try await intakePage(v, phone: nil, error: nil) }
        }
        // The caller's number is posted, never put in a URL (URLs end up in proxies' logs and histories).
        table.page(.post, "/intake/lookup") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                return try await intakePage(v, phone: f["phone"], error: nil)
            }
        }
        table.page(.post, "/intake") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let input = NewWorkOrder(channel: Channel.phone.rawValue, category: f["category"], talentId: f["talentId"].flatMap { Int64($0) },
                                         contact: .init(name: f["contactName"], phone: f["contactPhone"]), title: f["title"], content: f["content"],
                                         districtCode: f["districtCode"], urgent: f["urgent"] == "1")
                return try await Web.redisplaying({ error, status in try await intakePage(v, phone: f["contactPhone"], error: error, status: status) }) {
                    // A dispatcher's call is logged first, then the order filed from it; staff
                    // without a desk (a butler, an admin) file the order directly.
                    guard v.user.has(.dispatcher), let lines = try? await app.hotline.lines(), !lines.isEmpty else {
                        let filing = try await app.workOrders.file(input, by: v.user)
                        return Web.redirect("/orders/\(filing.answer.body)")
                    }
                    var order = input
                    order.contact = .init(name: f["contactName"])
                    let call = try await app.hotline.record(NewCall(line: f["line"] ?? lines[0].code, callerPhone: f["contactPhone"], question: f["title"]), by: v.user)
                    let filed = try await app.hotline.fileOrder(from: call.id, order, durationSeconds: nil, by: v.user, idempotencyKey: nil, request: [])
                    return Web.redirect("/orders/\(filed.orderId)")
                }
            }
        }
    }

    func intakePage(_ v: Visit, phone: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        guard p.hasAny(.dispatcher, .butler, .admin) else { throw CoreError.forbidden(v.t("forbidden")) }
        let tree = try await app.orgs.tree()
        let phone = (phone ?? "").trimmingCharacters(in: .whitespaces)
        var district = "500112"
        var found: IntakePage.Found?
        var error = error
        if !phone.isEmpty {
            // A number that is not a phone number is said so on the page, not taken as "nobody found".
            do {
                if let t = try await app.talents.search(TalentQuery(q: phone, limit: 1), by: p).items.first {
                    found = .init(id: t.id, name: t.name, tier: t.tier?.rawValue ?? "-", district: v.orgName(t.districtCode, tree),
                                  phoneMasked: t.phone ?? "")
                    district = t.districtCode
                }
            } catch let CoreError.validation(list) {
                error = Web.describe(list)
            }
        }
        let page = IntakePage(
            phone: phone, looked: !phone.isEmpty, talent: found,
            categories: WorkOrderCategory.allCases.filter { $0 != .service }.map { .init(value: $0.rawValue, label: v.label($0), selected: false) },
            districts: tree.allDistricts.map {
                .init(value: $0.code.rawValue, label: v.english ? $0.nameEn : $0.name, selected: $0.code.rawValue == district)
            },
            error: error,
            lines: p.has(.dispatcher) ? try await app.hotline.lines().map { .init(value: $0.code, label: v.english ? $0.nameEn : $0.name, selected: false) } : [],
            openCalls: p.has(.dispatcher) ? try await app.hotline.calls(CallFilter(dispatcherId: p.userId, outcome: .open), by: p, limit: 20, after: nil).map {
                .init(href: "/intake/calls/\($0.id)", label: "\($0.line) · \($0.callerPhoneMasked ?? "—") · \($0.question)")
            } : [])
        return web.render("intake", page, v, title: v.t("intake"), status: status)
    }
}
