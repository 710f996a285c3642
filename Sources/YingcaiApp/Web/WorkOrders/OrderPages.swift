import Foundation
import Hummingbird
import YingcaiCore

/// 我的工单 and the page of one order with its actions: the same use cases as the API, so visibility
/// and the rules are the same.
struct OrderPages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/orders") { request, _ in
            try await web.page(request) { v in
                let tree = try await app.orgs.tree()
                let items = try await app.workOrders.list(WorkOrderQuery(talentId: v.user.talentId, limit: 100), by: v.user).items
                let list = OrderList(heading: v.t("myOrders"), tabs: [], orders: items.map { OrderRow($0, tree, v) }, more: nil)
                return web.render("orders", list, v, title: v.t("myOrders"))
            }
        }
        table.page(.get, "/orders/{id}") { request, context in
            try await web.page(request) { v in
                try await orderPage(v, id: context.parameters.get("id", as: Int64.self) ?? 0, error: nil)
            }
        }
        // Shown on request, by a form (never in a link), each time recorded in the audit log.
        table.page(.post, "/orders/{id}/personal") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                _ = try await web.form(request, v)
                let data = try await app.workOrders.personalData(id, by: v.user)
                let item = try await app.workOrders.view(id, by: v.user, timeline: false).record.serviceItemCode.asyncMap { try await app.catalog.item($0) } ?? nil
                let labels = Dictionary((item?.form ?? []).map { ("form.\($0.key)", $0.label) }, uniquingKeysWith: { a, _ in a })
                var shown = data.contactPhone.map { [OrderPage.Revealed(label: v.t("callerPhone"), value: $0)] } ?? []
                for (key, value) in data.values.sorted(by: { $0.key < $1.key }) {
                    shown.append(.init(label: labels[key] ?? (key == "title" ? v.t("title") : key == "content" ? v.t("content") : key), value: value))
                }
                return try await orderPage(v, id: id, error: nil, revealed: shown)
            }
        }
        table.page(.post, "/orders/{id}/act") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                let action = f["action"] ?? ""
                let input = WorkOrderActionInput(
                    leadOrg: f["leadOrg"], coOrgs: (f["coOrgs"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    note: f["note"], reason: f["reason"], text: f["text"], result: f["result"], score: f["score"].flatMap { Int($0) },
                    comment: f["comment"], workdays: f["workdays"].flatMap { Int($0) },
                    intoId: f["intoId"].flatMap { Int64($0) ?? WorkOrderRecord.id(fromNumber: $0) })
                return try await Web.redisplaying({ error, status in try await orderPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.workOrders.act(id, action: action, input, by: v.user)
                    return Web.redirect("/orders/\(id)")
                }
            }
        }
    }

    func orderPage(_ v: Visit, id: Int64, error: String?, revealed: [OrderPage.Revealed]? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let view = try await app.workOrders.view(id, by: v.user)
        let suggestions = view.availableActions.contains("dispatch") ? try await app.workOrders.suggestedLeads(for: view.record) : []
        let payout = view.record.channel == Channel.proactive.rawValue && v.user.hasAny(.admin, .handler)
            ? try await app.payouts.list(by: v.user, workOrder: id, limit: 1).first : nil
        let page = OrderPage(view: view, suggestions: suggestions, payout: payout, revealed: revealed, tree: try await app.orgs.tree(),
                             error: error, v)
        return web.render("order", page, v, title: view.record.title, status: status)
    }
}
