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
    var shard: Int
    var columns: [String: Int64]

    static let stateColumns = WorkOrderState.allCases.map { "s_\($0.rawValue)" }
    static let channelColumns = ["web", "wechat", "phone", "window", "grid", "proactive"].map { "c_\($0)" }
    static let categoryColumns = WorkOrderCategory.allCases.map { "k_\($0.rawValue)" }
    static let measureColumns = ["total", "dispatched", "signed_in_time", "resolved", "on_time", "handling_workdays", "rated", "satisfied"]
    static let allColumns = measureColumns + stateColumns + channelColumns + categoryColumns

    static let shards: Int64 = 4

    init(order: WorkOrder, district: String, channel: String, receivedOn: String, calendar: WorkCalendar) {
        self.district = district
        self.shard = Int((order.id ?? 0) % Self.shards)
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

    var key: [String] { [district, leadOrg, receivedOn, String(shard)] }

    /// Writes `after − before` (either may be absent: a new order has no before) to the rows by
    /// lead org and to the rows by district.
    static func apply(before: StatsContribution?, after: StatsContribution, on db: any SQLDatabase) async throws {
        var delta = after.columns
        for (k, v) in before?.columns ?? [:] { delta[k, default: 0] -= v }
        delta = delta.filter { $0.value != 0 }
        // By district: the district and day never change, so one row takes the difference.
        try await upsert(table: "work_order_stats_district", keys: ["district_code": after.district, "received_on": after.receivedOn],
                         shard: after.shard, delta, on: db)
        // By lead org: a dispatch or return moves the order from one org's row to another's.
        if let before, before.leadOrg == after.leadOrg {
            try await upsert(table: "work_order_stats", keys: ["district_code": after.district, "lead_org": after.leadOrg,
                                                              "received_on": after.receivedOn], shard: after.shard, delta, on: db)
        } else {
            if let before {
                try await upsert(table: "work_order_stats", keys: ["district_code": before.district, "lead_org": before.leadOrg,
                                                                  "received_on": before.receivedOn], shard: before.shard,
                                 before.columns.mapValues { -$0 }, on: db)
            }
            try await upsert(table: "work_order_stats", keys: ["district_code": after.district, "lead_org": after.leadOrg,
                                                              "received_on": after.receivedOn], shard: after.shard, after.columns, on: db)
        }
    }

    static func upsert(table: String, keys: [String: String], shard: Int, _ delta: [String: Int64], on db: any SQLDatabase) async throws {
        guard !delta.isEmpty else { return }
        let keyNames = keys.keys.sorted()
        let names = delta.keys.sorted()
        var sql: SQLQueryString = "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: keyNames.joined(separator: ", ")), shard"
        for n in names { sql.appendInterpolation(unsafeRaw: ", \(n)") }
        sql += ") VALUES ("
        for k in keyNames { sql += "\(bind: keys[k]!), " }
        sql += "\(bind: shard)"
        for n in names { sql += ", \(bind: delta[n]!)" }
        sql.appendInterpolation(unsafeRaw: ") ON CONFLICT (\(keyNames.joined(separator: ", ")), shard) DO UPDATE SET ")
        sql.appendInterpolation(unsafeRaw: names.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", "))
        try await db.raw(sql).run()
    }
}
