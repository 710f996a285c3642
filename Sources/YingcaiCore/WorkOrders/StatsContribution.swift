import SQLKit
import WorkCalendar
import WorkOrderRules

/// What one order adds to the figures in `work_order_stats`. A change writes the difference between
/// the order's contribution after and before it, in the same transaction, so the table always equals
/// the sum over the orders themselves.
struct StatsContribution: Equatable {
    var district: String
    var leadOrg: String
    var receivedOn: String
    var columns: [String: Int64]

    static let stateColumns = WorkOrderState.allCases.map { "s_\($0.rawValue)" }
    static let channelColumns = ["web", "wechat", "phone", "window", "grid", "proactive"].map { "c_\($0)" }
    static let categoryColumns = WorkOrderCategory.allCases.map { "k_\($0.rawValue)" }
    static let measureColumns = ["total", "dispatched", "signed_in_time", "resolved", "on_time", "handling_workdays", "rated", "satisfied"]
    static let allColumns = measureColumns + stateColumns + channelColumns + categoryColumns

    init(order: WorkOrder, district: String, channel: String, receivedOn: String, calendar: WorkCalendar) {
        self.district = district
        self.leadOrg = order.leadOrg ?? ""
        self.receivedOn = receivedOn
        var c: [String: Int64] = ["total": 1, "s_\(order.state.rawValue)": 1, "c_\(channel)": 1, "k_\(order.category.rawValue)": 1]
        if order.dispatchedAt != nil { c["dispatched"] = 1 }
        if order.signedForInTime == true { c["signed_in_time"] = 1 }
        if let resolvedAt = order.resolvedAt {
            c["resolved"] = 1
            if order.resolvedOnTime == true { c["on_time"] = 1 }
            c["handling_workdays"] = Int64(WorkOrderRules.handlingWorkdays(receivedAt: order.receivedAt, resolvedAt: resolvedAt, calendar: calendar))
        }
        if let rating = order.latestRating {
            c["rated"] = 1
            if rating >= 3 { c["satisfied"] = 1 }
        }
        columns = c
    }

    var key: [String] { [district, leadOrg, receivedOn] }

    /// Writes `after − before` (either may be absent: a new order has no before).
    static func apply(before: StatsContribution?, after: StatsContribution, on db: any SQLDatabase) async throws {
        if let before, before.key == after.key {
            var delta = after.columns
            for (k, v) in before.columns { delta[k, default: 0] -= v }
            try await upsert(key: after, delta.filter { $0.value != 0 }, on: db)
            return
        }
        if let before {
            try await upsert(key: before, before.columns.mapValues { -$0 }, on: db)
        }
        try await upsert(key: after, after.columns, on: db)
    }

    static func upsert(key: StatsContribution, _ delta: [String: Int64], on db: any SQLDatabase) async throws {
        guard !delta.isEmpty else { return }
        let names = delta.keys.sorted()
        var sql: SQLQueryString = "INSERT INTO work_order_stats (district_code, lead_org, received_on"
        for n in names { sql.appendInterpolation(unsafeRaw: ", \(n)") }
        sql += ") VALUES (\(bind: key.district), \(bind: key.leadOrg), \(bind: key.receivedOn)"
        for n in names { sql += ", \(bind: delta[n]!)" }
        sql.appendInterpolation(unsafeRaw: ") ON CONFLICT (district_code, lead_org, received_on) DO UPDATE SET ")
        sql.appendInterpolation(unsafeRaw: names.map { "\($0) = work_order_stats.\($0) + excluded.\($0)" }.joined(separator: ", "))
        try await db.raw(sql).run()
    }
}
