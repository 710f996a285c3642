import Foundation
import PersonalData
import SQLKit
import Storage
import TestSupport
import Testing
import YingcaiCore

@Suite("Backup and restore")
struct BackupTests {
    @Test("an online SQLite backup answers the same figures; a restored copy that lost a row does not")
    func roundTrip() async throws {
        try await TestCore.run { t in
            guard t.core.db.dialect == .sqlite else { return }  // PostgreSQL: pg_dump/pg_restore, run in .ci/run
            let office = try await t.user("office", [.dispatcher], at: "500000:HOTLINE")
            for i in 0..<5 {
                _ = try await t.core.workOrders.file(FilingTests.call("求助 \(i)"), by: office) { "order \($0.id)" }
            }
            let before = try await t.core.fingerprint()
            #expect(before["rows.work_orders"] == "5")
            let dir = NSTemporaryDirectory() + "yingcai-backup-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await t.core.db.backupSQLite(to: dir + "/copy.sqlite")

            let copy = try await Database.open(url: nil, sqlitePath: dir + "/copy.sqlite", logger: t.logs.logger)
            let restored = Yingcai(db: copy, dataKey: DataKey.generate(), clock: t.clock.clockwork, logger: t.logs.logger)
            #expect(try await restored.fingerprint() == before)
            // A copy that differs by one event is caught.
            try await copy.transaction { db in try await db.raw("DELETE FROM work_order_events WHERE id = (SELECT max(id) FROM work_order_events)").run() }
            let after = try await restored.fingerprint()
            #expect(after != before)
            #expect(after["rows.work_order_events"] != before["rows.work_order_events"])
            await copy.shutdown()
        }
    }
}
