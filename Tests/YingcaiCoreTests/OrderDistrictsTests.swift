import NIOConcurrencyHelpers
import TestSupport
import Testing
@testable import YingcaiCore

@Suite("The district each order is read in")
struct OrderDistrictsTests {
    struct Abandon: Error {}

    @Test("an order is found whatever the process remembers of its district: nothing, the right one, or a wrong one")
    func rememberedDistricts() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            let order = try #require(try await t.core.workOrders.file(FilingTests.call(district: "500103"), by: dispatcher).record)
            let districts = t.core.workOrders.districts
            #expect(districts[order.id] == "500103")
            #expect(try await t.core.workOrders.view(order.id, by: dispatcher).record.districtCode == "500103")
            districts.forget(order.id)
            #expect(try await t.core.workOrders.view(order.id, by: dispatcher).record.districtCode == "500103")
            #expect(districts[order.id] == "500103")
            // A stale memory (an id rolled back and drawn again on SQLite) is corrected, not believed.
            districts.remember(order.id, "500104")
            #expect(try await t.core.workOrders.view(order.id, by: dispatcher).record.districtCode == "500103")
            #expect(districts[order.id] == "500103")
            await #expect(throws: CoreError.self) { _ = try await t.core.workOrders.view(order.id + 1000, by: dispatcher) }
        }
    }

    @Test("an id drawn again after a rolled-back filing names the order filed under it now")
    func redrawnId() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            let first = NIOLockedValueBox<Int64?>(nil)
            await #expect(throws: Abandon.self) {
                try await t.core.db.transaction { _ in
                    let id = try #require(try await t.core.workOrders.file(FilingTests.call(district: "500103"), by: dispatcher).record).id
                    first.withLockedValue { $0 = id }
                    throw Abandon()
                }
            }
            let order = try #require(try await t.core.workOrders.file(FilingTests.call(district: "500104"), by: dispatcher).record)
            let rolledBack = try #require(first.withLockedValue { $0 })
            // SQLite draws the id inside the transaction, so the rollback gives it back: the same id
            // now names an order of another district than the process remembers for it.
            if t.core.db.dialect == .sqlite { #expect(order.id == rolledBack) }
            #expect(try await t.core.workOrders.view(order.id, by: dispatcher).record.districtCode == "500104")
        }
    }

    @Test("an order's id alone leads an index, so that a first read by id is an index probe on every engine and shard")
    func idIndex() async throws {
        try await TestCore.run { t in
            // SQLite: the id is the table's rowid.
            guard t.core.db.dialect == .postgres else { return }
            let definitions = try await t.core.db.read { sql in
                try await sql.raw("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'work_orders'").all()
                    .map { try $0.decode(column: "indexdef", as: String.self) }
            }
            // PostgreSQL: the primary key (id); Citus: the key is (district, id), and `work_orders_id` beside it.
            #expect(definitions.contains { $0.hasSuffix("(id)") }, "\(definitions)")
        }
    }

    @Test("the memory stays within its bound")
    func bounded() {
        let districts = OrderDistricts(capacity: 3)
        for id in 1...10 { districts.remember(Int64(id), "5001\(id)") }
        #expect(districts[10] == "500110")
        #expect((1...10).filter { districts[Int64($0)] != nil }.count <= 3)
    }
}
