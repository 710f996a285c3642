import NIOConcurrencyHelpers
import SQLKit
import Storage
import WorkCalendar

/// The append-only tables that grow without end — order events, hotline calls, code
/// verifications, webhook deliveries, the audit log — partitioned by month (Asia/Shanghai) on
/// PostgreSQL and Citus (migration 024), so that a month can be detached for archive
/// (`yingcai archive --before 2024-01`) and a query that names its time reads only its months.
/// SQLite keeps them as plain tables; every query is the same on all three.
///
/// Each table has a month partition `<table>_pYYYYMM` and a default partition `<table>_pdefault`
/// that catches a row no month partition holds yet (a clock far from today, a maintenance round
/// missed), so that no write ever fails for want of a partition. `maintain` makes the months
/// ahead and moves any rows the default caught into their month; the background work runs it.
///
/// Keys: PostgreSQL requires the partition column in every unique key of a partitioned table, so
/// the keys below carry it. The keys the product relies on still hold: an order's event is
/// (district, order, seq, at) and its chain is kept by the order's row lock and its `last_seq`; a
/// webhook delivery is (webhook, event, created_at), where `created_at` is the event's own instant,
/// so that a repeated write of one event still adds nothing.
public enum MonthlyPartitions {
    public struct Table: Sendable {
        public let name: String
        /// The instant (BIGINT milliseconds) a row is partitioned by.
        public let column: String
        let primaryKey: [String]
        let unique: [[String]]
        let indexes: [String]
        /// Kept on PostgreSQL; on Citus a partitioned table can hold none (Citus refuses one into a
        /// distributed table, and a Citus local table with one cannot take its default partition back).
        let foreignKeys: [String]

        func partition(_ month: CalendarMonth) -> String { "\(name)_p\(month.compact)" }
        var defaultPartition: String { "\(name)_pdefault" }
        func archived(_ month: CalendarMonth) -> String { "archived_\(partition(month))" }
    }

    public static let tables: [Table] = [
        Table(name: "work_order_events", column: "at", primaryKey: ["district_code", "order_id", "seq", "at"], unique: [],
              indexes: ["CREATE INDEX work_order_events_order ON work_order_events (order_id, seq)"],
              foreignKeys: ["(order_id) REFERENCES work_orders (id)"]),
        Table(name: "hotline_calls", column: "started_at", primaryKey: ["id", "started_at"], unique: [],
              indexes: [
                "CREATE INDEX hotline_calls_line_day ON hotline_calls (line_code, started_on)",
                "CREATE INDEX hotline_calls_dispatcher_day ON hotline_calls (dispatcher_id, started_on)",
                "CREATE INDEX hotline_calls_day ON hotline_calls (started_on)",
                "CREATE INDEX hotline_calls_phone ON hotline_calls (caller_phone_hash)",
                "CREATE INDEX hotline_calls_gaps ON hotline_calls (outcome, gap_closed_at)",
              ], foreignKeys: []),
        Table(name: "code_verifications", column: "at", primaryKey: ["id", "at"], unique: [],
              indexes: [
                "CREATE INDEX code_verifications_talent ON code_verifications (talent_id, id)",
                "CREATE INDEX code_verifications_verifier ON code_verifications (verifier_id, id)",
              ], foreignKeys: ["(verifier_id) REFERENCES users (id)", "(talent_id) REFERENCES talents (id)"]),
        Table(name: "webhook_outbox", column: "created_at", primaryKey: ["id", "created_at"], unique: [["webhook_id", "event_key", "created_at"]],
              indexes: ["CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at)"],
              foreignKeys: ["(webhook_id) REFERENCES webhooks (id)"]),
        Table(name: "audit_log", column: "at", primaryKey: ["id", "at"], unique: [],
              indexes: ["CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id)"], foreignKeys: []),
    ]

    /// Migration 024 on PostgreSQL: each table rebuilt as a partitioned table with its rows (in the
    /// default partition until `maintain` gives them their months), its identity replaced by a
    /// sequence (PostgreSQL 15 has no identity column on a partitioned table), and its keys.
    static func partitionStatements(_ t: Table) -> [String] {
        let n = t.name, staging = "\(t.name)_partitioned"
        return [
            "CREATE TABLE \(staging) (LIKE \(n) INCLUDING DEFAULTS) PARTITION BY RANGE (\(t.column))",
            "CREATE TABLE \(t.defaultPartition) PARTITION OF \(staging) DEFAULT",
            "INSERT INTO \(staging) SELECT * FROM \(n)",
            "DROP TABLE \(n)",
            "ALTER TABLE \(staging) RENAME TO \(n)",
            "CREATE SEQUENCE \(n)_id_seq OWNED BY \(n).id",
            "SELECT setval('\(n)_id_seq', COALESCE((SELECT max(id) FROM \(n)), 0) + 1, false)",
            "ALTER TABLE \(n) ALTER COLUMN id SET DEFAULT nextval('\(n)_id_seq')",
            "ALTER TABLE \(n) ADD PRIMARY KEY (\(t.primaryKey.joined(separator: ", ")))",
        ] + t.unique.map { "ALTER TABLE \(n) ADD UNIQUE (\($0.joined(separator: ", ")))" } + t.indexes
            + t.foreignKeys.map {
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN ALTER TABLE \(n) ADD FOREIGN KEY \($0); END IF; END $$"
            }
    }

    /// Makes the partitions of this month and the `ahead` months after it (the next), and of every month
    /// whose rows the default partition caught (moving them there); returns the partitions made.
    /// Nothing on SQLite. Safe in several instances at once: a table's partitions are made under the
    /// schema's key (`Database.lockSchema`), after looking again.
    @discardableResult
    public static func maintain(_ db: Database, now: Int64, ahead: Int = 1) async throws -> [String] {
        guard db.dialect == .postgres else { return [] }
        let current = CalendarMonth(shanghaiMillis: now)
        let upcoming = Set((0...ahead).map { current.adding(months: $0) })
        var made: [String] = []
        for table in tables {
            // Whether the default caught anything, without reading it all (it may hold a whole
            // table's rows after the upgrade to 024): its months are read under no time limit.
            let (existing, caught) = try await db.read { sql in
                (try await partitions(of: table, on: sql),
                 try await sql.raw("SELECT 1 AS yes FROM \(unsafeRaw: table.defaultPartition) LIMIT 1").first() != nil)
            }
            guard caught || !upcoming.subtracting(existing).isEmpty else { continue }
            made += try await db.longTransaction { sql in
                try await Database.lockSchema(sql)
                return try await makePartitions(table, upcoming: upcoming, on: sql)
            }
        }
        return made
    }

    /// Makes the missing month partitions of `table`, in the caller's transaction. When the default
    /// partition caught rows, it is detached for the while (PostgreSQL refuses a partition whose
    /// rows the default holds; detached, it also takes no new rows), every month it holds is made,
    /// its rows are moved in one pass, and it is attached again, empty.
    static func makePartitions(_ table: Table, upcoming: Set<CalendarMonth>, on sql: any SQLDatabase) async throws -> [String] {
        func run(_ statement: String) async throws { try await sql.raw(SQLQueryString(statement)).run() }
        func create(_ months: Set<CalendarMonth>) async throws -> [String] {
            var made: [String] = []
            for month in months.sorted() {
                let lo = month.shanghaiStartMillis, hi = month.adding(months: 1).shanghaiStartMillis
                try await run("CREATE TABLE \(table.partition(month)) PARTITION OF \(table.name) FOR VALUES FROM (\(lo)) TO (\(hi))")
                made.append(table.partition(month))
            }
            return made
        }
        let existing = try await partitions(of: table, on: sql)
        guard try await sql.raw("SELECT 1 AS yes FROM \(unsafeRaw: table.defaultPartition) LIMIT 1").first() != nil else {
            return try await create(upcoming.subtracting(existing))
        }
        try await run("ALTER TABLE \(table.name) DETACH PARTITION \(table.defaultPartition)")
        let caught = try await monthsInDefault(of: table, on: sql)
        let made = try await create(upcoming.union(caught).subtracting(existing))
        try await run("INSERT INTO \(table.name) SELECT * FROM \(table.defaultPartition)")
        try await run("TRUNCATE \(table.defaultPartition)")
        try await run("ALTER TABLE \(table.name) ATTACH PARTITION \(table.defaultPartition) DEFAULT")
        return made
    }

    /// Detaches the month partitions wholly before `before` and renames each `archived_<name>`:
    /// the rows leave every answer of the API and stay in the database as plain tables for the
    /// operator to dump (`pg_dump -t 'archived_*'`) and drop. Returns each detached table with its
    /// row count. The current month cannot be archived.
    public static func archive(_ db: Database, before: CalendarMonth, now: Int64,
                               progress: (_ table: String, _ rows: Int64) -> Void = { _, _ in }) async throws -> [(table: String, rows: Int64)] {
        guard db.dialect == .postgres else { throw ArchiveError.notPartitioned }
        guard before <= CalendarMonth(shanghaiMillis: now) else { throw ArchiveError.notPast(before) }
        // Rows the default caught for an old month get their partition first, so they leave too.
        try await maintain(db, now: now)
        var detached: [(table: String, rows: Int64)] = []
        for table in tables {
            let months = try await db.read { sql in try await partitions(of: table, on: sql) }.filter { $0 < before }
            for month in months.sorted() {
                let rows: Int64 = try await db.longTransaction { sql in
                    try await Database.lockSchema(sql)
                    try await sql.raw("ALTER TABLE \(unsafeRaw: table.name) DETACH PARTITION \(unsafeRaw: table.partition(month))").run()
                    try await sql.raw("ALTER TABLE \(unsafeRaw: table.partition(month)) RENAME TO \(unsafeRaw: table.archived(month))").run()
                    return try await sql.raw("SELECT count(*) AS n FROM \(unsafeRaw: table.archived(month))").first()!.decode(column: "n", as: Int64.self)
                }
                detached.append((table.archived(month), rows))
                progress(table.archived(month), rows)
            }
        }
        return detached
    }

    /// The months that have a partition of `table` in the current schema (none before migration 024).
    static func partitions(of table: Table, on sql: any SQLDatabase) async throws -> Set<CalendarMonth> {
        let prefix = "\(table.name)_p"
        let names = try await sql.raw("""
            SELECT c.relname AS name FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            JOIN pg_namespace s ON s.oid = p.relnamespace
            WHERE s.nspname = current_schema() AND p.relname = \(bind: table.name)
            """).all().map { try $0.decode(column: "name", as: String.self) }
        return Set(names.compactMap { name in
            guard name.hasPrefix(prefix) else { return nil }
            let digits = name.dropFirst(prefix.count)
            guard digits.count == 6 else { return nil }
            return CalendarMonth("\(digits.prefix(4))-\(digits.suffix(2))")
        })
    }

    /// The months (Asia/Shanghai) of the rows in the default partition: normally none. UTC+8 fixed,
    /// as `CalendarMonth` bounds the partitions (the zone database's 1986–91 summer times would
    /// put an hour of those summers in another month than its partition).
    static func monthsInDefault(of table: Table, on sql: any SQLDatabase) async throws -> Set<CalendarMonth> {
        let rows = try await sql.raw("""
            SELECT DISTINCT to_char(to_timestamp((\(unsafeRaw: table.column) + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') AS month
            FROM \(unsafeRaw: table.defaultPartition)
            """).all()
        return Set(try rows.compactMap { CalendarMonth(try $0.decode(column: "month", as: String.self)) })
    }
}

public enum ArchiveError: Error, CustomStringConvertible {
    case notPartitioned
    case notPast(CalendarMonth)

    public var description: String {
        switch self {
        case .notPartitioned:
            "归档需要 PostgreSQL：SQLite 的表不分区 / archive needs PostgreSQL: SQLite's tables are not partitioned"
        case .notPast(let month):
            "\(month) 尚未过去，不能归档 / \(month) has not passed yet; only whole past months are archived"
        }
    }
}

/// The background work's `maintain`: at every start (`prepare`) and then at most once an hour in
/// each process (a round asks two questions of each of the five tables; a month is made at most
/// once a month).
public final class PartitionUpkeep: Sendable {
    let db: Database
    let clock: Clockwork
    private let lastRun = NIOLockedValueBox<Int64?>(nil)

    init(db: Database, clock: Clockwork) {
        self.db = db
        self.clock = clock
    }

    /// Runs `maintain` unless this process ran it less than an hour ago; returns the partitions made.
    @discardableResult
    public func run(force: Bool = false) async throws -> [String] {
        let now = clock.nowMillis()
        let due = lastRun.withLockedValue { last in
            guard force || last.map({ now - $0 >= 3_600_000 || now < $0 }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return [] }
        return try await MonthlyPartitions.maintain(db, now: now)
    }
}
