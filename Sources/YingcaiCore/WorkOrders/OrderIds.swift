import Crypto
import NIOConcurrencyHelpers
import Organisations
import Storage

/// An order's id names its district: `n × 1024 + slot`, where `n` is drawn from the orders'
/// sequence and `slot` is the district's place among 1,024: the first two bytes of the MD5 of its
/// code, modulo 1,024 (in PostgreSQL `('x' || substr(md5(code), 1, 4))::bit(16)::int % 1024`, as
/// the bench's generator writes them). A read by id alone then names its district, and on Citus its
/// shard, where it asked every shard. Two districts may share a slot (both are asked); an id drawn
/// before ids named districts (below 1,024 × the sequence's value then) names none that holds it,
/// and every shard is asked, as before.
public enum OrderIdSlots {
    public static let count: Int64 = 1024

    public static func slot(of district: String) -> Int64 {
        let digest = Array(Insecure.MD5.hash(data: Array(district.utf8)))
        return (Int64(digest[0]) << 8 | Int64(digest[1])) % count
    }

    /// The id of the `n`th order, filed in `district`.
    public static func id(_ n: Int64, district: String) -> Int64 { n * count + slot(of: district) }

    /// The districts of the tree whose slot the id names.
    public static func districts(named id: Int64, in tree: OrgTree) -> [String] {
        let slot = id % count
        return tree.nodes.values.filter { $0.kind.isDistrictLevel }.map(\.code.rawValue).filter { Self.slot(of: $0) == slot }.sorted()
    }
}

/// Ids for new work orders, drawn before the order is written (its number and the hash of its
/// first event depend on it), in blocks of 32 so that filing seldom asks the database; each names
/// its district (`OrderIdSlots`).
///
/// Inside a transaction on SQLite an id is drawn in that transaction instead: a block drawn there
/// would be rolled back with it while this cache kept handing its ids out.
actor OrderIds {
    let db: Database
    private var ids: [Int64] = []

    init(db: Database) { self.db = db }

    nonisolated func next(district: String) async throws -> Int64 {
        if db.dialect == .sqlite && db.inTransaction {
            return OrderIdSlots.id(try await db.allocateIds(for: "work_orders", count: 1, per: OrderIdSlots.count)[0], district: district)
        }
        return OrderIdSlots.id(try await fromBlock(), district: district)
    }

    private func fromBlock() async throws -> Int64 {
        while ids.isEmpty {
            ids += try await db.allocateIds(for: "work_orders", count: 32, per: OrderIdSlots.count)
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
