import Foundation
import NIOConcurrencyHelpers
import Storage
import WorkCalendar
import WorkOrderRules

/// Drives demo orders through the real rules at times of its choosing: each order is filed and
/// moved in memory with the same steps as a live one (checks, events in their hash chain,
/// announcements), then written once, as it stands at the end, with its whole timeline — many
/// orders to a transaction. A live order is written move by move; the demo writes months of them
/// in seconds.
struct DemoSimulation {
    /// A clock the simulation moves by hand.
    final class SimulatedClock: Sendable {
        let millis = NIOLockedValueBox<Int64>(0)
        var clockwork: Clockwork { Clockwork { [millis] in millis.withLockedValue { $0 } } }
        func set(_ value: Int64) { millis.withLockedValue { $0 = value } }
    }

    /// One order on its way: filed, moved, and not yet written.
    struct Order {
        var filing: WorkOrderService.PreparedFiling
        var now: Int64
        var record: WorkOrderRecord { filing.record }
    }

    let core: Yingcai
    let clock: SimulatedClock
    let calendar: WorkCalendar
    /// Moves stop here: what would come later has not happened yet.
    let present: Int64
    private var batch = WriteSet()
    private var inBatch = 0
    private(set) var written = 0

    init(app: Yingcai, present: Int64) async throws {
        let clock = SimulatedClock()
        self.clock = clock
        // The simulation signs nobody in: its password hasher need not cost anything.
        var config = app.config
        config.bcryptCost = 4
        self.core = Yingcai(db: app.db, dataKey: app.dataKey, vault: app.vault, config: config, clock: clock.clockwork,
                            uploadsDirectory: app.uploads.directory, codeKeys: app.codes.keys, logger: app.logger)
        self.calendar = try await app.calendars.calendar()
        self.present = present
    }

    /// Files `input` at `t` as `principal` would (an application is routed at once).
    func file(_ input: NewWorkOrder, by principal: Principal, at t: Int64) async throws -> Order {
        clock.set(t)
        return Order(filing: try await core.workOrders.prepare(input, by: principal, routedTo: nil), now: t)
    }

    /// Applies `command` `delay` after the order's last move, by someone acting as `actor`;
    /// false (and nothing done) when that moment is not yet past.
    @discardableResult
    func step(_ order: inout Order, _ command: Command, as actor: WorkOrderActor, by who: Principal?, after delay: Int64,
              note: String? = nil) async throws -> Bool {
        let at = order.now + delay
        guard at < present else { return false }
        try await move(&order, command, as: actor, by: who, at: at, note: note)
        return true
    }

    /// Applies `command` at `at`, whatever the present.
    func move(_ order: inout Order, _ command: Command, as actor: WorkOrderActor, by who: Principal?, at: Int64, note: String? = nil) async throws {
        order.filing.record = try await core.workOrders.step(order.record, command, actor: actor, actorId: who?.userId,
                                                              actorName: who?.username ?? "system", note: note, at: at, calendar: calendar,
                                                              into: &order.filing.after)
        order.now = at
    }

    /// 自动归档 as the background work would have done it by now: a resolved order nobody rated, a
    /// rated one nobody reopened.
    func closeIfDue(_ order: inout Order) async throws {
        guard let after = WorkOrderRules.autoCloseAfter(order.record.rules, calendar: calendar), after + 60_000 < present else { return }
        try await move(&order, .autoClose, as: .system, by: nil, at: max(after + 60_000, order.now + 1))
    }

    /// Queues the order's rows; every 60 orders go to the database in one transaction (one
    /// statement on PostgreSQL, well inside its 65,535 bound values).
    mutating func finish(_ order: Order) async throws {
        batch.merge(core.workOrders.writes(of: order.filing, calendar: calendar, at: order.now))
        inBatch += 1
        if inBatch >= 60 { try await flush() }
    }

    mutating func flush() async throws {
        guard inBatch > 0 else { return }
        let set = batch, db = core.db
        try await db.transaction { _ in try await db.write(set) }
        written += inBatch
        batch = WriteSet()
        inBatch = 0
    }
}
