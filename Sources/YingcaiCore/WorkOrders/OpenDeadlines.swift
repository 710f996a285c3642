import SQLKit

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

    static func apply(before: WorkOrderRecord?, after: WorkOrderRecord, on db: any SQLDatabase) async throws {
        let old = before.flatMap(key), new = key(after)
        guard old != new else { return }
        let shard = Int(after.id % StatsContribution.shards)
        if let old { try await add(old, -1, shard: shard, on: db) }
        if let new { try await add(new, 1, shard: shard, on: db) }
    }

    static func add(_ k: Key, _ n: Int64, shard: Int, on db: any SQLDatabase) async throws {
        try await StatsContribution.upsert(table: "work_order_open",
                                           keys: ["district_code": k.district, "handling_deadline": k.deadline, "lead_org": k.leadOrg],
                                           shard: shard, ["n": n], on: db)
    }
}
