import Foundation
import PersonalData
import SQLKit
import Storage

extension Yingcai {
    /// Every sealed personal column: talents' ID and phone numbers, the caller's phone and the
    /// personal form values of work orders.
    static let sealedColumns: [(table: String, column: String, field: PersonalField)] = [
        ("talents", "id_sealed", .idNumber), ("talents", "phone_sealed", .phone),
        ("work_orders", "contact_phone_sealed", .phone), ("work_orders", "personal_sealed", .orderPersonal),
    ]

    /// Re-seals under the current key every personal value sealed under an older one, in batches
    /// while the service runs: a value changed meanwhile by a request is left as that request wrote
    /// it (compared before it is replaced). Returns how many values were re-sealed.
    public func resealPersonalData(batch: Int = 1000, progress: (Int) -> Void = { _ in }) async throws -> Int {
        var total = 0
        try await forEachSealedUnderOlderKey(batch: batch) { table, column, field, stale in
            var changes: [(id: Int64, old: Data, new: Data)] = []
            for (id, sealed) in stale {
                let plain = try vault.open(Array(sealed), field: field)
                changes.append((id, sealed, Data(vault.seal(plain, field: field))))
            }
            let batchChanges = changes
            try await db.transaction { db in
                for c in batchChanges {
                    try await db.raw("""
                        UPDATE \(ident: table) SET \(ident: column) = \(bind: c.new) WHERE id = \(bind: c.id) AND \(ident: column) = \(bind: c.old)
                        """).run()
                }
            }
            total += changes.count
            progress(total)
        }
        return total
    }

    /// How many personal values are still sealed under an older key than the current one.
    public func valuesUnderOlderKeys() async throws -> Int {
        var count = 0
        try await forEachSealedUnderOlderKey(batch: 5000) { _, _, _, stale in count += stale.count }
        return count
    }

    /// Walks every sealed column in batches by id and hands over, per batch, the values sealed under
    /// an older key than the current one.
    func forEachSealedUnderOlderKey(batch: Int, _ body: (String, String, PersonalField, [(Int64, Data)]) async throws -> Void) async throws {
        for (table, column, field) in Self.sealedColumns {
            var after: Int64 = 0
            while true {
                let from = after
                let rows = try await db.read { db in
                    try await db.raw("""
                        SELECT id, \(ident: column) AS sealed FROM \(ident: table)
                        WHERE id > \(bind: from) AND \(ident: column) IS NOT NULL ORDER BY id LIMIT \(bind: batch)
                        """).all()
                }
                guard let last = rows.last else { break }
                after = try last.decode(column: "id", as: Int64.self)
                let stale = try rows.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "sealed", as: Data.self)) }
                    .filter { !vault.isCurrent(Array($0.1)) }
                if !stale.isEmpty { try await body(table, column, field, stale) }
            }
        }
    }
}
