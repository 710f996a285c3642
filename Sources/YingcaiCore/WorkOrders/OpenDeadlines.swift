import SQLKit
import Storage

/// The orders on the clock, counted by (district, lead org, deadline) in `work_order_open`, so that
/// "how many are overdue / due soon" for the city, a district or a department reads a few hundred
/// rows however many orders are open. Changed in the transaction of every move of an order.
enum OpenDeadlines {
    struct Key: Equatable {
        let district: String
        let deadline: String
        let leadOrg: String
    }

    static func key(_ r: WorkOrderRecord) -> Key? {
        r.onClock ? Key(district: r.districtCode, deadline: r.rules.handlingDeadline.description, leadOrg: r.rules.leadOrg ?? "") : nil
    }

    static func add(before: WorkOrderRecord?, after: WorkOrderRecord, into writes: inout WriteSet) {
        let old = before.flatMap(key), new = key(after)
        guard old != new else { return }
        let shard = after.id % StatsContribution.shards
        if let old { add(old, -1, shard: shard, into: &writes) }
        if let new { add(new, 1, shard: shard, into: &writes) }
    }

    static func add(_ k: Key, _ n: Int64, shard: Int64, into writes: inout WriteSet) {
        writes.add("work_order_open", keyColumns: ["district_code", "handling_deadline", "lead_org", "shard"],
                   key: [.text(k.district), .text(k.deadline), .text(k.leadOrg), .int(shard)], ["n": n])
    }
}
