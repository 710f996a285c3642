import SQLKit
import Storage
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
    static let channelColumns = Channel.allCases.map { "c_\($0.rawValue)" }
    static let categoryColumns = WorkOrderCategory.allCases.map { "k_\($0.rawValue)" }
    static let measureColumns = ["total", "dispatched", "signed_in_time", "resolved", "on_time", "handling_workdays", "rated", "satisfied"]
    static let allColumns = measureColumns + stateColumns + channelColumns + categoryColumns
    /// The columns as migrations 005 and 011 created them, before a channel was added (020: open311);
    /// a later channel is a column that a migration of its own adds.
    static let columnsBefore020 = measureColumns + stateColumns
        + ["web", "wechat", "phone", "window", "grid", "proactive"].map { "c_\($0)" } + categoryColumns

    static let shards: Int64 = 4

    init(order: WorkOrder, district: String, channel: String, receivedOn: String, calendar: WorkCalendar) {
        self.district = district
        // By the order's drawn number, not the district's slot in its id (`OrderIdSlots`): one
        // district's orders spread over the shards.
        self.shard = Int((order.id ?? 0) / OrderIdSlots.count % Self.shards)
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

    /// Adds `after − before` (either may be absent: a new order has no before) to the rows by lead
    /// org and to the rows by district.
    static func add(before: StatsContribution?, after: StatsContribution, into writes: inout WriteSet) {
        var delta = after.columns
        for (k, v) in before?.columns ?? [:] { delta[k, default: 0] -= v }
        // By district: the district and day never change, so one row takes the difference.
        writes.add("work_order_stats_district", keyColumns: ["district_code", "received_on", "shard"],
                   key: [.text(after.district), .text(after.receivedOn), .int(Int64(after.shard))], delta)
        // And by district and month, for long periods.
        writes.add("work_order_stats_month", keyColumns: ["district_code", "month", "shard"],
                   key: [.text(after.district), .text(String(after.receivedOn.prefix(7))), .int(Int64(after.shard))], delta)
        // By lead org: a dispatch or return moves the order from one org's row to another's.
        if let before { before.addByLeadOrg(before.columns.mapValues { -$0 }, into: &writes) }
        after.addByLeadOrg(after.columns, into: &writes)
    }

    func addByLeadOrg(_ amounts: [String: Int64], into writes: inout WriteSet) {
        writes.add("work_order_stats", keyColumns: ["district_code", "lead_org", "received_on", "shard"],
                   key: [.text(district), .text(leadOrg), .text(receivedOn), .int(Int64(shard))], amounts)
    }
}
