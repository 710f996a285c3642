import SQLKit
import Storage
import WorkCalendar

extension WorkOrderFigures {
    /// Orders received per week (Monday to Sunday) over the last `weeks` weeks, from the per-district
    /// daily sums; `districts` nil for the whole city. Each week is labelled by its Monday (`MM-DD`).
    public func weekly(districts: [String]?, weeks: Int = 12) async throws -> [(week: String, count: Int64)] {
        let today = clock.today
        let monday = today.adding(days: -((today.dayNumber + 3) % 7))
        let start = monday.adding(days: -7 * (weeks - 1))
        let scope: SQLQueryString = districts.map { $0.isEmpty ? "district_code IS NULL" : "district_code IN (\(binds: $0))" } ?? "1 = 1"
        let sql: SQLQueryString = "SELECT received_on AS d, CAST(SUM(total) AS BIGINT) AS n FROM work_order_stats_district WHERE received_on >= \(bind: start.description) AND "
            + scope + " GROUP BY received_on"
        let rows = try await db.read { db in try await db.raw(sql).all() }
        var counts = Array(repeating: Int64(0), count: weeks)
        for row in rows {
            guard let d = LocalDate(try row.decode(column: "d", as: String.self)) else { continue }
            let w = (d.dayNumber - start.dayNumber) / 7
            if (0..<weeks).contains(w) { counts[w] += try row.decode(column: "n", as: Int64.self) }
        }
        return counts.enumerated().map { (String(start.adding(days: 7 * $0.offset).description.suffix(5)), $0.element) }
    }
}
