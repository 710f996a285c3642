import Foundation
import SQLKit
import Testing
import YingcaiCore

@Suite("Where the tables live on Citus")
struct CitusPlacementTests {
    @Test("on Citus every table is placed as CitusPlacement says: by district, by talent, by the ID number's hash, or on every node, each group co-located")
    func placed() async throws {
        try await TestApp.run { (env, _) async throws in
            // SQLite and PostgreSQL place nothing; CI runs this suite on a Citus cluster too.
            guard try await CitusPlacement.isCitus(env.core.db) else { return }
            let rows = try await env.core.db.read { db in
                try await db.raw("""
                    SELECT p.logicalrelid::regclass::text AS name, p.partmethod::text AS method, p.repmodel::text AS model,
                           coalesce(column_to_column_name(p.logicalrelid, p.partkey), '') AS col, p.colocationid AS colocation
                    FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
                    WHERE c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition
                    """).all()
            }
            var placed: [String: (method: String, model: String, column: String, colocation: Int)] = [:]
            for row in rows {
                placed[try row.decode(column: "name", as: String.self)] = (
                    try row.decode(column: "method", as: String.self), try row.decode(column: "model", as: String.self),
                    try row.decode(column: "col", as: String.self), try row.decode(column: "colocation", as: Int.self))
            }
            #expect(placed.count >= CitusPlacement.referenceTables.count + CitusPlacement.groups.map(\.tables.count).reduce(0, +))
            func group(_ tables: [(table: String, column: String)]) {
                let anchor = placed[tables[0].table]?.colocation
                for (table, column) in tables {
                    #expect(placed[table]?.method == "h", "\(table) is distributed by hash")
                    #expect(placed[table]?.column == column, "\(table) is distributed by \(column)")
                    #expect(placed[table]?.colocation == anchor, "\(table) is co-located with \(tables[0].table)")
                }
            }
            for g in CitusPlacement.groups { group(g.tables.map { ($0.table, g.column(of: $0.table)) }) }
            #expect(CitusPlacement.groups.map { $0.column(of: $0.tables[0].table) } == ["district_code", "id", "id_hash"])
            #expect(placed["work_orders"]?.colocation != placed["talents"]?.colocation)
            for table in CitusPlacement.referenceTables {
                #expect(placed[table]?.method == "n" && placed[table]?.model == "t", "\(table) is a reference table")
            }
            // A card's history and its certification are the card's talent's: the keys hold in its shard.
            let keys = try await env.core.db.read { db in
                try await db.raw("""
                    SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint
                    WHERE connamespace = current_schema()::regnamespace AND contype = 'f'
                      AND conrelid::regclass::text IN ('cards', 'card_events', 'payouts')
                    """).all().map { "\(try $0.decode(column: "t", as: String.self)) \(try $0.decode(column: "def", as: String.self))" }
            }
            #expect(keys.contains("cards FOREIGN KEY (talent_id, certification_id) REFERENCES certifications(talent_id, id)"), "\(keys)")
            #expect(keys.contains("card_events FOREIGN KEY (talent_id, card_id) REFERENCES cards(talent_id, id)"), "\(keys)")
            #expect(keys.contains("payouts FOREIGN KEY (policy_id) REFERENCES policies(id)"), "\(keys)")
        }
    }
}
