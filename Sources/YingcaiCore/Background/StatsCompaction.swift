import SQLKit
import Storage
import WorkCalendar

extension BackgroundWork {
    /// Folds the shards of past days into shard 0 (the figures by day of receipt, and the open
    /// orders' counts by deadline). Shards keep today's concurrent filings off one
    /// row lock; past days are rarely written, and reading one row per district and day instead of
    /// four keeps the city's figures fast. The shard rows are locked, summed into shard 0 and
    /// deleted by their exact keys in one transaction, so a concurrent change is never lost: it
    /// either waits for the lock and lands in shard 0, or writes a new shard row folded next time.
    public func compactStats(batch: Int = 5000) async throws -> Int {
        let today = LocalDate(shanghaiMillis: core.clock.nowMillis()).description
        var folded = 0
        // Counts of deadlines no open order holds any more.
        try await db.transaction { sql in try await sql.raw("DELETE FROM work_order_open WHERE n = 0").run() }
        // The figures by day of receipt, and the open orders by deadline: once the day is past, the
        // rows are rarely written (an order moving), so one row per key is enough.
        let tables: [(table: String, keys: [String], day: String, sums: [String])] = [
            ("work_order_stats_district", ["district_code", "received_on"], "received_on", StatsContribution.allColumns),
            ("work_order_stats_month", ["district_code", "month"], "month", StatsContribution.allColumns),
            ("work_order_stats", ["district_code", "lead_org", "received_on"], "received_on", StatsContribution.allColumns),
            ("work_order_open", ["district_code", "handling_deadline", "lead_org"], "handling_deadline", ["n"]),
        ]
        for (table, keys, day, sumColumns) in tables {
            // Past months by month ("2026-10" < "2026-11"), past days by day.
            let before = day == "month" ? String(today.prefix(7)) : today
            // District by district, only those with rows to fold: a district's rows are on one
            // shard of a Citus cluster, which locks rows only by an equality on the distribution
            // column.
            let districts = try await db.read { sql in
                try await sql.raw("""
                    SELECT DISTINCT district_code FROM \(unsafeRaw: table) WHERE \(unsafeRaw: day) < \(bind: before) AND shard > 0
                    """).all().map { try $0.decode(column: "district_code", as: String.self) }
            }
            for district in districts {
                while true {
                    let n = try await fold(table, keys: keys, sums: sumColumns, district: district, dayColumn: day, before: before, batch: batch)
                    folded += n
                    if n < batch { break }
                }
            }
        }
        return folded
    }

    /// Folds at most `batch` shard rows of one district with `dayColumn` before `before` into
    /// shard 0, in one transaction; returns how many it folded.
    private func fold(_ table: String, keys: [String], sums sumColumns: [String], district: String,
                      dayColumn: String, before: String, batch: Int) async throws -> Int {
        try await db.transaction { sql in
            let columns = (keys + ["shard"] + sumColumns).joined(separator: ", ")
            let lock = self.db.dialect == .postgres ? " FOR UPDATE" : ""
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table)
                WHERE district_code = \(bind: district) AND \(unsafeRaw: dayColumn) < \(bind: before) AND shard > 0
                LIMIT \(unsafeRaw: String(batch))\(unsafeRaw: lock)
                """).all()
            guard !rows.isEmpty else { return 0 }
            var sums: [[String]: [String: Int64]] = [:]
            for row in rows {
                let key = try keys.map { try row.decode(column: $0, as: String.self) }
                for c in sumColumns {
                    let v = try row.decode(column: c, as: Int64.self)
                    if v != 0 { sums[key, default: [:]][c, default: 0] += v }
                }
                let shard = try row.decode(column: "shard", as: Int.self)
                var delete: SQLQueryString = "DELETE FROM \(unsafeRaw: table) WHERE shard = \(bind: shard)"
                for (k, value) in zip(keys, key) { delete += " AND \(unsafeRaw: k) = \(bind: value)" }
                try await sql.raw(delete).run()
            }
            var writes = WriteSet()
            for (key, delta) in sums {
                writes.add(table, keyColumns: keys + ["shard"], key: key.map { .text($0) } + [.int(0)], delta)
            }
            try await writes.run(on: sql, dialect: self.db.dialect)
            return rows.count
        }
    }
}
