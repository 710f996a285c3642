import Foundation
import SQLKit
import Storage
import TestSupport
import Testing
import WorkCalendar
import YingcaiCore

@Suite("Monthly partitions of the append-only tables")
struct PartitionTests {
    static func count(_ table: String, _ db: Database) async throws -> Int64 {
        try await db.read { sql in try await sql.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int64.self) }
    }

    /// The months of `table`'s partitions in the test's schema.
    static func months(_ table: String, _ db: Database) async throws -> [String] {
        try await db.read { sql in
            try await sql.raw("""
                SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relnamespace = current_schema()::regnamespace AND p.relname = \(bind: table) ORDER BY 1
                """).all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    @Test("rows of a month without its partition wait in the default partition; upkeep moves them to their month and no answer changes; archive detaches whole past months")
    func monthsAndArchive() async throws {
        try await TestCore.run { t in
            let db = t.core.db
            guard db.dialect == .postgres else {
                // SQLite's tables are not partitioned: upkeep has nothing to do and archive says why.
                #expect(try await t.core.partitions.run(force: true).isEmpty)
                await #expect(throws: ArchiveError.self) { _ = try await MonthlyPartitions.archive(db, before: CalendarMonth("2024-01")!, now: t.clock.now) }
                return
            }
            let current = CalendarMonth(shanghaiMillis: t.clock.now)
            for table in MonthlyPartitions.tables {
                // This month and the next were made by `prepare`.
                let names = try await Self.months(table.name, db)
                for ahead in 0...1 { #expect(names.contains("\(table.name)_p\(current.adding(months: ahead).compact)"), "\(table.name) \(names)") }
                #expect(names.contains("\(table.name)_pdefault"))
            }
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            // An order filed in November 2023 (its month has no partition) and one today.
            let today = t.clock.now
            t.clock.set(LocalDate("2023-11-20")!.shanghaiStartMillis + 10 * 3_600_000)
            let old = try #require(try await t.core.workOrders.file(FilingTests.call("旧工单"), by: dispatcher).record)
            t.clock.set(today)
            let new = try #require(try await t.core.workOrders.file(FilingTests.call("新工单"), by: dispatcher).record)
            let before = try #require(try await t.core.workOrders.view(old.id, by: dispatcher).timeline)
            #expect(!before.isEmpty)
            #expect(try await Self.count("work_order_events_pdefault", db) == Int64(before.count))
            let totals = try await MonthlyPartitions.tables.asyncMap { try await Self.count($0.name, db) }

            // Upkeep makes November 2023 and moves its rows out of the default partition.
            let made = try await t.core.partitions.run(force: true)
            #expect(made.contains("work_order_events_p202311"), "\(made)")
            for (table, total) in zip(MonthlyPartitions.tables, totals) {
                #expect(try await Self.count(table.name, db) == total, "\(table.name)")
                #expect(try await Self.count("\(table.name)_pdefault", db) == 0, "\(table.name)")
            }
            #expect(try await Self.count("work_order_events_p202311", db) == Int64(before.count))
            let after = try #require(try await t.core.workOrders.view(old.id, by: dispatcher).timeline)
            #expect(after.map(\.seq) == before.map(\.seq) && after.map(\.at) == before.map(\.at) && after.map(\.action) == before.map(\.action))
            #expect(try await t.core.workOrders.verify(old.id, by: dispatcher).intact)
            // Once more: nothing to do.
            #expect(try await t.core.partitions.run(force: true).isEmpty)

            // Archive: only whole past months, and the current month cannot go.
            await #expect(throws: ArchiveError.self) {
                _ = try await MonthlyPartitions.archive(db, before: current.adding(months: 1), now: t.clock.now)
            }
            let archived = try await MonthlyPartitions.archive(db, before: CalendarMonth("2023-12")!, now: t.clock.now)
            #expect(archived.contains { $0.table == "archived_work_order_events_p202311" && $0.rows == Int64(before.count) }, "\(archived)")
            #expect(!(try await Self.months("work_order_events", db)).contains("work_order_events_p202311"))
            #expect(try await t.core.workOrders.view(old.id, by: dispatcher).timeline?.isEmpty == true)
            #expect(try await Self.count("archived_work_order_events_p202311", db) == Int64(before.count))
            // Today's order keeps its timeline; writing goes on; a second archive finds nothing more.
            #expect(try await t.core.workOrders.view(new.id, by: dispatcher).timeline?.isEmpty == false)
            _ = try #require(try await t.core.workOrders.file(FilingTests.call("再一单"), by: dispatcher).record)
            #expect(try await MonthlyPartitions.archive(db, before: CalendarMonth("2023-12")!, now: t.clock.now).isEmpty)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
