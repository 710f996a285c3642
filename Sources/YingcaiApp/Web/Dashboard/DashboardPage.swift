import Foundation
import Hummingbird
import Organisations
import WorkOrderRules
import YingcaiCore

/// 一屏知全域: one screen for a node of the tree, with drill-down to a district. Work-order figures
/// come from the same aggregates as the API, the registry's from `TalentFigures`. The page refreshes
/// itself every minute (a meta refresh: no script needed on a wall screen).
struct DashboardPage {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/dashboard") { request, _ in
            try await web.page(request) { v in
                let org = request.uri.queryParameters.get("org").flatMap { $0.isEmpty ? nil : $0 }
                return try await dashboard(v, org: org)
            }
        }
    }

    func dashboard(_ v: Visit, org: String?) async throws -> Response {
        let p = v.user
        let tree = try await app.orgs.tree()
        let report = try await app.figures.report(org: org, from: nil, to: nil, by: p)
        let node = OrgCode(report.org)!
        let districts = tree[node]?.kind == .city ? nil : tree.districts(within: node).map(\.rawValue)
        let counts = try await app.talentFigures.counts(districts: districts)
        var parent: String?
        if node != tree.area(of: p.org), let up = tree[node]?.parent, tree.isWithin(up, tree.area(of: p.org)) { parent = up.rawValue }
        let t = report.totals
        func label<L: Labelled>(_ code: String, as: L.Type) -> String { L(rawValue: code).map(v.label) ?? code }
        let charts: [DashboardModel.Chart] = [
            chart(v.t("talentsByTier"), counts.tiers.map { (Tier(rawValue: $0.code).map { v.pick("\($0.rawValue) 类", "Tier \($0.rawValue)") } ?? v.pick("未认定", "None"), $0.count) }),
            chart(v.t("talentsByCategory"), counts.categories.prefix(8).map { ($0.code, $0.count) }),
            chart(v.t("talentsByDistrict"), counts.districts.prefix(10).map { (v.orgName($0.code, tree), $0.count) }),
            chart(v.t("ordersByState"), t.byState.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (label($0.key, as: WorkOrderState.self), Int($0.value)) }),
            chart(v.t("ordersByChannel"), t.byChannel.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (label($0.key, as: Channel.self), Int($0.value)) }),
            .init(caption: v.t("trend"), svg: Charts.columns(try await app.figures.weekly(districts: districts).map { ($0.week, Double($0.count)) }, title: v.t("trend"))),
        ]
        func rows(_ list: [WorkOrderFigures.Ranked], drill: Bool) -> [DashboardModel.Ranked] {
            list.enumerated().map { i, r in
                .init(rank: i + 1, code: r.code, name: v.orgName(r.code, tree), total: r.totals.total,
                      onTime: Formatting.percent(r.totals.onTimeRate), satisfaction: Formatting.percent(r.totals.satisfactionRate), drill: drill)
            }
        }
        // The most overdue orders of the node, worst first (the API's red list, in deadline order).
        var red = WorkOrderQuery(warning: "red", limit: 10)
        if let districts, districts.count == 1 { red.districtCode = districts[0] }
        let model = DashboardModel(
            asOf: Formatting.dateTime(app.clock.nowMillis()) + " · " + "\(report.from)–\(report.to)", parent: parent,
            kpi: .init(total: String(t.total), onTime: Formatting.percent(t.onTimeRate),
                       avgDays: t.avgHandlingWorkdays.map { String(format: "%.1f", $0) } ?? "—",
                       signFor: Formatting.percent(t.signForRate), satisfaction: Formatting.percent(t.satisfactionRate),
                       yellow: String(report.yellow), overdue: String(report.overdue), cards: String(counts.cards)),
            charts: charts,
            overdue: try await app.workOrders.list(red, by: p).items.map { OrderRow($0, tree, v) },
            districts: rows(report.districts, drill: true), departments: rows(report.departments, drill: false),
            programme: districts == nil ? try await programmeLines(v) : [])
        let name = v.orgName(report.org, tree)
        return web.render("dashboard", model, v, title: v.pick("\(name) 数据大屏", "\(name) dashboard"), refresh: 60, bodyClass: "wall")
    }

    func programmeLines(_ v: Visit) async throws -> [DashboardModel.ProgrammeLine] {
        var lines: [DashboardModel.ProgrammeLine] = []
        for call in try await app.programme.calls(by: v.user).prefix(3) {
            let f = try await app.programme.figures(call.year)
            lines.append(.init(year: call.year, stateName: v.label(call.rules.state), applications: f.applications, selected: f.selected,
                               budget: Formatting.yuan(f.budgetYuan), paid: Formatting.yuan(f.paidYuan)))
        }
        return lines
    }

    func chart(_ caption: String, _ items: [(String, Int)]) -> DashboardModel.Chart {
        .init(caption: caption, svg: Charts.bars(items.map { ($0.0, Double($0.1), String($0.1)) }, title: caption))
    }
}
