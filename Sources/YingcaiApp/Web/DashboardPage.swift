import Foundation
import Hummingbird
import Organisations
import SQLKit
import WorkCalendar
import YingcaiCore

/// 一屏知全域: one screen for a node of the tree, with drill-down to a district. Work-order figures
/// come from the same aggregates as the API; talents and cards are counted for the node's districts.
/// The page refreshes itself every minute (a meta refresh: no script needed on a wall screen).
struct DashboardPage {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/dashboard") { request, _ in
            try await web.page(request) { v in
                let p = v.principal!
                let tree = try await app.orgs.tree()
                let org = request.uri.queryParameters.get("org").flatMap { $0.isEmpty ? nil : $0 }
                let report = try await app.figures.report(org: org, from: nil, to: nil, by: p)
                let node = OrgCode(report.org)!
                let districts = tree[node]?.kind == .city ? nil : tree.districts(within: node).map(\.rawValue)
                let counts = try await talentCounts(districts)
                var ctx = web.base(v, title: v.pick("\(PagesController.orgName(report.org, tree, v)) 数据大屏", "\(PagesController.orgName(report.org, tree, v)) dashboard"))
                ctx["refresh"] = 60
                ctx["bodyClass"] = "wall"
                ctx["asOf"] = Web.dateTime(app.clock.nowMillis()) + " · " + "\(report.from)–\(report.to)"
                if node != tree.area(of: p.org), let parent = tree[node]?.parent, tree.isWithin(parent, tree.area(of: p.org)) {
                    ctx["parent"] = parent.rawValue
                }
                let t = report.totals
                ctx["kpi"] = ["total": String(t.total), "onTime": Web.percent(t.onTimeRate),
                              "avgDays": t.avgHandlingWorkdays.map { String(format: "%.1f", $0) } ?? "—",
                              "signFor": Web.percent(t.signForRate), "satisfaction": Web.percent(t.satisfactionRate),
                              "yellow": String(report.yellow), "overdue": String(report.overdue), "cards": String(counts.cards)]
                let stateNames = WorkOrderStateNames.all
                var charts: [[String: Any]] = []
                charts.append(["caption": v.t("talentsByTier"), "svg": Charts.bars(counts.tiers.map { ($0.0, Double($0.1), String($0.1)) }, title: v.t("talentsByTier"))])
                charts.append(["caption": v.t("talentsByCategory"), "svg": Charts.bars(counts.categories.prefix(8).map { ($0.0, Double($0.1), String($0.1)) }, title: v.t("talentsByCategory"))])
                charts.append(["caption": v.t("talentsByDistrict"), "svg": Charts.bars(counts.districts.prefix(10).map { (PagesController.orgName($0.0, tree, v), Double($0.1), String($0.1)) }, title: v.t("talentsByDistrict"))])
                charts.append(["caption": v.t("ordersByState"), "svg": Charts.bars(t.byState.sorted { $0.value > $1.value }.map {
                    (v.english ? $0.key : (stateNames[$0.key] ?? $0.key), Double($0.value), String($0.value)) }, title: v.t("ordersByState"))])
                charts.append(["caption": v.t("ordersByChannel"), "svg": Charts.bars(t.byChannel.sorted { $0.value > $1.value }.map {
                    ($0.key, Double($0.value), String($0.value)) }, title: v.t("ordersByChannel"))])
                charts.append(["caption": v.t("trend"), "svg": Charts.columns(try await weekly(districts).map { ($0.0, Double($0.1)) }, title: v.t("trend"))])
                ctx["charts"] = charts
                func rows(_ list: [WorkOrderFigures.Ranked], drill: Bool) -> [[String: Any]] {
                    list.enumerated().map { i, r in
                        ["rank": i + 1, "code": r.code, "name": PagesController.orgName(r.code, tree, v), "total": r.totals.total,
                         "onTime": Web.percent(r.totals.onTimeRate), "satisfaction": Web.percent(r.totals.satisfactionRate), "drill": drill]
                    }
                }
                // The most overdue orders of the node, worst first (the API's red list, in deadline order).
                var red = WorkOrderQuery(warning: "red", limit: 10)
                if let districts, districts.count == 1 { red.districtCode = districts[0] }
                ctx["overdue"] = try await app.workOrders.list(red, by: p).items.map { PagesController(web: web).orderRow($0, tree, v) }
                ctx["districts"] = rows(report.districts, drill: true)
                ctx["departments"] = rows(report.departments, drill: false)
                return web.render("dashboard", ctx)
            }
        }
    }

    struct Counts {
        var tiers: [(String, Int)] = []
        var categories: [(String, Int)] = []
        var districts: [(String, Int)] = []
        var cards = 0
    }

    func talentCounts(_ districts: [String]?) async throws -> Counts {
        let today = app.clock.today.description
        let scope: SQLQueryString = districts.map { $0.isEmpty ? "district_code IS NULL" : "district_code IN (\(binds: $0))" } ?? "1 = 1"
        return try await app.db.read { db in
            var c = Counts()
            let tierSQL: SQLQueryString = "SELECT CASE WHEN tier_valid_until >= \(bind: today) THEN tier ELSE '-' END AS k, count(*) AS n FROM talents WHERE " + scope + " GROUP BY 1 ORDER BY 1"
            c.tiers = try await db.raw(tierSQL).all().map { (try $0.decode(column: "k", as: String?.self) ?? "-", try $0.decode(column: "n", as: Int.self)) }
            let districtSQL: SQLQueryString = "SELECT district_code AS k, count(*) AS n FROM talents WHERE " + scope + " GROUP BY 1 ORDER BY 2 DESC"
            c.districts = try await db.raw(districtSQL).all().map { (try $0.decode(column: "k", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            let categorySQL: SQLQueryString = "SELECT category AS k, count(*) AS n FROM talent_categories WHERE talent_id IN (SELECT id FROM talents WHERE " + scope + ") GROUP BY 1 ORDER BY 2 DESC"
            c.categories = try await db.raw(categorySQL).all().map { (try $0.decode(column: "k", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            let cardSQL: SQLQueryString = "SELECT count(*) AS n FROM cards WHERE status = 'active' AND valid_until >= \(bind: today) AND talent_id IN (SELECT id FROM talents WHERE " + scope + ")"
            c.cards = try await db.raw(cardSQL).first()!.decode(column: "n", as: Int.self)
            return c
        }
    }

    /// Orders received per week (Monday to Sunday) over the last twelve weeks.
    func weekly(_ districts: [String]?) async throws -> [(String, Int)] {
        let today = app.clock.today
        let monday = today.adding(days: -((today.dayNumber + 3) % 7))
        let start = monday.adding(days: -7 * 11)
        let scope: SQLQueryString = districts.map { $0.isEmpty ? "district_code IS NULL" : "district_code IN (\(binds: $0))" } ?? "1 = 1"
        let sql: SQLQueryString = "SELECT received_on AS d, count(*) AS n FROM work_orders WHERE received_on >= \(bind: start.description) AND " + scope + " GROUP BY received_on"
        let rows = try await app.db.read { db in try await db.raw(sql).all() }
        var weeks = Array(repeating: 0, count: 12)
        for row in rows {
            guard let d = LocalDate(try row.decode(column: "d", as: String.self)) else { continue }
            let w = (d.dayNumber - start.dayNumber) / 7
            if (0..<12).contains(w) { weeks[w] += try row.decode(column: "n", as: Int.self) }
        }
        return weeks.enumerated().map { (String(start.adding(days: 7 * $0.offset).description.suffix(5)), $0.element) }
    }
}

enum WorkOrderStateNames {
    static let all: [String: String] = [
        "received": "已受理", "dispatched": "已派单", "returned": "已退单", "accepted": "已签收", "in_progress": "办理中",
        "suspended": "已挂起", "resolved": "已办结", "rated": "已回访", "reopened": "重办", "closed": "已归档",
        "rejected": "不予受理", "withdrawn": "已撤回",
    ]
}
