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
