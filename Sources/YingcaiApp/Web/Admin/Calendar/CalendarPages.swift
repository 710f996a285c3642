import Foundation
import WorkCalendar
import Hummingbird
import YingcaiCore

/// 工作日历: the years the product knows, and importing a year's arrangement (a CSV).
struct CalendarPages {
    let web: Web
    var app: Yingcai { web.app }

    struct Page: Sendable {
        struct Year: Sendable {
            let year: Int
            let summary: String
        }

        let years: [Year]
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/calendar") { request, _ in
            try await web.page(request) { v in try await calendarPage(v, error: nil) }
        }
        table.page(.post, "/admin/calendar") { request, _ in
            try await web.page(request) { v in
                try v.requireAdmin()
                let form = try await web.multipart(request, v)
                defer { form.discard() }
                let fields = form.fields
                guard let file = form.files["file"] else { return try await calendarPage(v, error: v.pick("请选择文件", "Choose a file"), status: .unprocessableContent) }
                return try await Web.redisplaying({ error, status in try await calendarPage(v, error: error, status: status) }) {
                    _ = try await app.calendars.importYear(csv: String(decoding: try file.bytes(), as: UTF8.self),
                                                           year: try Web.number(fields, "year"), by: v.user)
                    return Web.redirect("/admin/calendar")
                }
            }
        }
    }

    func calendarPage(_ v: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let imported = try await app.calendars.importedYears()
        let shipped = WorkCalendar.official.knownYears
        let last = max(app.clock.today.year + 1, imported.keys.max() ?? 0)
        let years = (2020...last).map { year in
            Page.Year(year: year, summary: imported[year].map { v.pick("已导入 \(Formatting.dateTime($0))", "imported \(Formatting.dateTime($0))") }
                ?? (shipped.contains(year) ? v.pick("随软件提供（国务院办公厅通知）", "shipped (State Council notices)")
                                           : v.pick("未导入：按周一至周五计", "not loaded: Monday–Friday assumed")))
        }
        return web.render("calendar", Page(years: years, error: error), v, title: v.t("calendar"), status: status)
    }
}
