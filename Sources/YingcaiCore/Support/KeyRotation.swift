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
                var changes: [(id: Int64, old: Data, new: Data)] = []
                for row in rows {
                    let sealed = try row.decode(column: "sealed", as: Data.self)
                    guard !vault.isCurrent(Array(sealed)) else { continue }
                    let plain = try vault.open(Array(sealed), field: field)
                    changes.append((try row.decode(column: "id", as: Int64.self), sealed, Data(vault.seal(plain, field: field))))
                }
                guard !changes.isEmpty else { continue }
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
        }
        return total
    }

    /// How many personal values are still sealed under an older key than the current one.
    public func valuesUnderOlderKeys() async throws -> Int {
        var count = 0
        for (table, column, _) in Self.sealedColumns {
            var after: Int64 = 0
            while true {
                let from = after
                let rows = try await db.read { db in
                    try await db.raw("""
                        SELECT id, \(ident: column) AS sealed FROM \(ident: table)
                        WHERE id > \(bind: from) AND \(ident: column) IS NOT NULL ORDER BY id LIMIT 5000
                        """).all()
                }
                guard let last = rows.last else { break }
                after = try last.decode(column: "id", as: Int64.self)
                count += try rows.filter { !vault.isCurrent(Array(try $0.decode(column: "sealed", as: Data.self))) }.count
            }
        }
        return count
    }
}
