import NIOConcurrencyHelpers
import Storage

/// Ids for new work orders, drawn before the order is written (its number and the hash of its
/// first event depend on it), in blocks of 32 so that filing seldom asks the database.
///
/// Inside a transaction on SQLite an id is drawn in that transaction instead: a block drawn there
/// would be rolled back with it while this cache kept handing its ids out.
actor OrderIds {
    let db: Database
    private var ids: [Int64] = []

    init(db: Database) { self.db = db }

    nonisolated func next() async throws -> Int64 {
        if db.dialect == .sqlite && db.inTransaction {
            return try await db.allocateIds(for: "work_orders", count: 1)[0]
        }
        return try await fromBlock()
    }

    private func fromBlock() async throws -> Int64 {
        while ids.isEmpty {
            ids += try await db.allocateIds(for: "work_orders", count: 32)
        }
        return ids.removeFirst()
    }
}

/// The district of each order this process has filed or read, so that the next read of the order
/// names its district: on Citus, one shard instead of every shard (the district is the
/// distribution column and an order never changes district). A remembered district whose order is
/// not found (an id rolled back and drawn again on SQLite) is forgotten and looked up again, so it
/// never hides an order. Bounded: emptied when full.
final class OrderDistricts: Sendable {
    private let known = NIOLockedValueBox<[Int64: String]>([:])
    let capacity: Int

    init(capacity: Int = 200_000) { self.capacity = capacity }

    subscript(id: Int64) -> String? { known.withLockedValue { $0[id] } }

    func remember(_ id: Int64, _ district: String) {
        known.withLockedValue { map in
            if map.count >= capacity { map.removeAll(keepingCapacity: true) }
            map[id] = district
        }
    }

    func forget(_ id: Int64) { _ = known.withLockedValue { $0.removeValue(forKey: id) } }
}
