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
            // (The number drawn again; the id names the other district.)
            if t.core.db.dialect == .sqlite { #expect(order.id / OrderIdSlots.count == rolledBack / OrderIdSlots.count) }
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

    @Test("a district's slot is the first two bytes of its code's MD5 modulo 1,024, and an id is a drawn number times 1,024 plus it")
    func slots() {
        // From Python: int.from_bytes(hashlib.md5(code.encode()).digest()[:2], "big") % 1024.
        #expect(OrderIdSlots.slot(of: "500112") == 27)
        #expect(OrderIdSlots.slot(of: "500103") == 778)
        #expect(OrderIdSlots.slot(of: "X-LJ") == 854)
        #expect(OrderIdSlots.slot(of: "") == 29)
        #expect(OrderIdSlots.id(5, district: "500112") == 5 * 1024 + 27)
        #expect(OrderIdSlots.id(5, district: "500112") % OrderIdSlots.count == OrderIdSlots.slot(of: "500112"))
    }

    @Test("every district's orders carry its slot; the database computes the same slot as the application (the bench's generator uses it)")
    func filedIdsNameTheirDistricts() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            let tree = try await t.core.orgs.tree()
            let districts = tree.nodes.values.filter { $0.kind.isDistrictLevel }.map(\.code.rawValue).sorted()
            #expect(districts.count > 30)
            var ids: [Int64] = []
            for district in districts {
                let order = try #require(try await t.core.workOrders.file(FilingTests.call(district: district), by: dispatcher).record)
                #expect(order.id % OrderIdSlots.count == OrderIdSlots.slot(of: district))
                #expect(OrderIdSlots.districts(named: order.id, in: tree).contains(district))
                #expect(!ids.contains(order.id))
                ids.append(order.id)
            }
            // Read back with nothing remembered: each from the districts its id names.
            for (district, id) in zip(districts, ids) {
                t.core.workOrders.districts.forget(id)
                #expect(try await t.core.workOrders.view(id, by: dispatcher).record.districtCode == district)
            }
            guard t.core.db.dialect == .postgres else { return }
            let computed = try await t.core.db.read { sql in
                try await sql.raw("""
                    SELECT code, ('x' || substr(md5(code), 1, 4))::bit(16)::int % 1024 AS slot FROM orgs
                    WHERE kind IN ('district', 'county', 'functional_zone')
                    """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "slot", as: Int64.self)) }
            }
            #expect(computed.count == districts.count)
            for (code, slot) in computed { #expect(slot == OrderIdSlots.slot(of: code), "\(code)") }
        }
    }

    @Test("an order whose id names no district that holds it (drawn before ids named districts) is still found, locked or not")
    func idOfOld() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            let order = try #require(try await t.core.workOrders.file(FilingTests.call(district: "500103"), by: dispatcher).record)
            // A copy of its row under an id of the old kind, as an upgraded database holds: its slot
            // is not 500103's.
            let old: Int64 = 7
            #expect(old % OrderIdSlots.count != OrderIdSlots.slot(of: "500103"))
            let columns = WorkOrderService.insertColumns
            let values = columns.map { $0 == "id" ? "\(old)" : $0 }.joined(separator: ", ")
            try await t.core.db.transaction { sql in
                try await sql.raw("""
                    INSERT INTO work_orders (\(unsafeRaw: columns.joined(separator: ", "))) SELECT \(unsafeRaw: values) FROM work_orders
                    WHERE district_code = '500103' AND id = \(bind: order.id)
                    """).run()
            }
            let service = t.core.workOrders
            service.districts.forget(order.id)
            let read = try await t.core.db.read { sql in try await service.load(old, on: sql, lock: false) }
            #expect(read?.districtCode == "500103")
            service.districts.forget(old)
            let locked = try await t.core.db.transaction { sql in try await service.load(old, on: sql, lock: true) }
            #expect(locked?.districtCode == "500103")
            #expect(try await t.core.db.read { sql in try await service.load(old + OrderIdSlots.count, on: sql, lock: false) } == nil)
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
