import NIOConcurrencyHelpers
import SQLKit
import Storage

/// Where the tables live on a Citus cluster, applied by `migrate` (every start prepares the schema)
/// when the database has the `citus` extension; on PostgreSQL without it and on SQLite nothing here
/// runs.
///
/// - **Reference tables**, a copy on every node: the organisations, accounts, catalog, calendar,
///   policies, programme calls, hotline lines and knowledge base: small, read by nearly every
///   query, the targets of most foreign keys.
/// - **Distributed by district** (`district_code`), co-located: an order, its events, its
///   co-handlers, its escalations, its open deadline, the figures' rows, and its Open311 and WeChat
///   rows are in one shard, so that a change of an order is a single-shard transaction and the
///   figures of a district are summed on one node.
/// - **Distributed by the talent** (`talentTables`, by the talent's id), co-located: a talent, its categories,
///   certifications, cards and their events, and its payouts; the ID numbers' claims by their hash.
/// - **Everything else** stays on the coordinator as Citus local tables (Citus makes them so when
///   they refer to a reference table): the programme, accounts' sessions, jobs' outboxes.
///
/// Citus requires the distribution column in every unique key and foreign key of a distributed
/// table. The keys below are the same as elsewhere with the distribution column (`district_code`,
/// `talent_id`) in front; the order id
/// stays unique by its generator (`OrderIds`), and names its district (`OrderIdSlots`). Foreign keys from
/// the coordinator's tables into the orders and talents (notifications, the programme), and between
/// the orders and the talent side (an order's talent, a payout's order), can cross neither between
/// a local table and a distributed one nor between co-location groups: on Citus the application
/// holds them (orders, talents and payouts are never deleted).
public enum CitusPlacement {
    public static let referenceTables = [
        "orgs", "users", "service_items", "calendar_years", "policies", "policy_versions", "code_partners",
        "hotline_lines", "webhooks", "open311_clients", "programme_calls",
        "kb_articles", "kb_article_versions", "kb_synonyms",
    ]

    /// Tables distributed by one column and co-located, in order (the first is the group's anchor),
    /// each with the statements that give it keys Citus accepts, run before anything is distributed;
    /// and the foreign keys put back once the group and the reference tables are placed.
    public struct Group: Sendable {
        /// The distribution column of the tables after the anchor, and the anchor's own.
        public let column: String, anchorColumn: String
        public let tables: [(table: String, rekey: [String])]
        let foreignKeys: [String]

        init(column: String, anchorColumn: String? = nil, tables: [(table: String, rekey: [String])], foreignKeys: [String]) {
            self.column = column
            self.anchorColumn = anchorColumn ?? column
            self.tables = tables
            self.foreignKeys = foreignKeys
        }

        public func column(of table: String) -> String { table == tables[0].table ? anchorColumn : column }
    }

    /// Every distributed table, by group.
    public static let groups = [
        Group(column: "district_code", tables: districtTables, foreignKeys: districtForeignKeys),
        Group(column: "talent_id", anchorColumn: "id", tables: talentTables, foreignKeys: talentForeignKeys),
        // The ID numbers' claims, by the hash (a group of their own).
        Group(column: "id_hash", tables: [("talent_id_numbers", [])], foreignKeys: []),
    ]

    /// Distributed by district.
    static let districtTables: [(table: String, rekey: [String])] = [
        ("work_orders", [
            "ALTER TABLE work_order_events DROP CONSTRAINT IF EXISTS work_order_events_order_id_fkey",
            "ALTER TABLE work_order_co_orgs DROP CONSTRAINT IF EXISTS work_order_co_orgs_order_id_fkey",
            "ALTER TABLE escalations DROP CONSTRAINT IF EXISTS escalations_order_id_fkey",
            "ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_order_id_fkey",
            "ALTER TABLE payouts DROP CONSTRAINT IF EXISTS payouts_work_order_id_fkey",
            "ALTER TABLE work_orders DROP CONSTRAINT IF EXISTS work_orders_talent_id_fkey",
            // Put back once `users` is a reference table (`districtForeignKeys`): a table that refers
            // to a reference table becomes a Citus local table, which cannot then be distributed.
            "ALTER TABLE work_orders DROP CONSTRAINT IF EXISTS work_orders_requester_id_fkey",
            "ALTER TABLE work_orders DROP CONSTRAINT IF EXISTS work_orders_filed_by_fkey",
            "ALTER TABLE work_orders DROP CONSTRAINT work_orders_pkey",
            "ALTER TABLE work_orders ADD PRIMARY KEY (district_code, id)",
        ]),
        // Partitioned by month (migration 024) with its key (district, order, seq, at) already;
        // its month partitions are distributed with it, and those made later as they are made.
        ("work_order_events", []),
        ("work_order_co_orgs", [
            "ALTER TABLE work_order_co_orgs DROP CONSTRAINT work_order_co_orgs_pkey",
            "ALTER TABLE work_order_co_orgs ALTER COLUMN district_code SET NOT NULL",
            "ALTER TABLE work_order_co_orgs ADD PRIMARY KEY (district_code, org_code, order_id)",
        ]),
        ("escalations", [
            // Its key is then `escalations_district_key` (district, order, deadline), as everywhere.
            "ALTER TABLE escalations DROP CONSTRAINT escalations_pkey",
            "ALTER TABLE escalations ALTER COLUMN district_code SET NOT NULL",
        ]),
        ("work_order_open", []),
        ("work_order_stats", []),
        ("work_order_stats_district", []),
        ("work_order_stats_month", []),
        ("open311_requests", []),
        ("wechat_orders", []),
        ("wechat_outbox", []),
    ]

    /// Distributed by the talent's id, in order (the first is the anchor): a talent, its categories,
    /// certifications, cards with their events, and payouts in one shard, so that a certification (a
    /// card issued or renewed, the policy engine's payouts) is a single-shard transaction and every
    /// talent query joins on the talent's id. Not by district, as the orders are: a talent moves
    /// between districts, and Citus cannot change a row's distribution value, so that a move would
    /// rewrite the talent's rows in six tables; the id never changes.
    ///
    /// The keys unique across the city are kept apart (migration 025): an ID number's hash in
    /// `talent_id_numbers`, distributed by the hash; an account's talent on the account
    /// (`users.talent_id`, a reference table). A card's number and a code's subject are unique by
    /// their generators (the year's serial under its row lock; 16 random bytes), as an order's id is.
    static let talentTables: [(table: String, rekey: [String])] = [
        ("talents", [
            "ALTER TABLE talent_categories DROP CONSTRAINT IF EXISTS talent_categories_talent_id_fkey",
            "ALTER TABLE certifications DROP CONSTRAINT IF EXISTS certifications_talent_id_fkey",
            "ALTER TABLE cards DROP CONSTRAINT IF EXISTS cards_talent_id_fkey",
            "ALTER TABLE payouts DROP CONSTRAINT IF EXISTS payouts_talent_id_fkey",
            // The programme's tables stay on the coordinator (they refer to the calls, a reference
            // table): the application holds their talents and payouts, never deleted.
            "ALTER TABLE programme_applications DROP CONSTRAINT IF EXISTS programme_applications_applicant_talent_id_fkey",
            "ALTER TABLE programme_participants DROP CONSTRAINT IF EXISTS programme_participants_talent_id_fkey",
            "ALTER TABLE programme_reviewers DROP CONSTRAINT IF EXISTS programme_reviewers_talent_id_fkey",
            "ALTER TABLE programme_projects DROP CONSTRAINT IF EXISTS programme_projects_holder_talent_id_fkey",
            "ALTER TABLE programme_tranches DROP CONSTRAINT IF EXISTS programme_tranches_payout_id_fkey",
            // Put back once the accounts and organisations are reference tables (`talentForeignKeys`).
            "ALTER TABLE talents DROP CONSTRAINT IF EXISTS talents_user_id_fkey",
            "ALTER TABLE talents DROP CONSTRAINT IF EXISTS talents_butler_id_fkey",
            "ALTER TABLE talents DROP CONSTRAINT IF EXISTS talents_district_code_fkey",
            // Held by `talent_id_numbers` and `users_talent`.
            "ALTER TABLE talents DROP CONSTRAINT IF EXISTS talents_user_id_key",
            "ALTER TABLE talents DROP CONSTRAINT IF EXISTS talents_id_hash_key",
            "CREATE INDEX IF NOT EXISTS talents_id_hash ON talents (id_hash)",
            "DROP INDEX IF EXISTS talents_code_subject",
            "CREATE INDEX talents_code_subject ON talents (code_subject)",
        ]),
        ("talent_categories", []),
        ("certifications", [
            "ALTER TABLE cards DROP CONSTRAINT IF EXISTS cards_certification_id_fkey",
            "ALTER TABLE certifications DROP CONSTRAINT IF EXISTS certifications_certified_by_fkey",
            "ALTER TABLE certifications DROP CONSTRAINT certifications_pkey",
            "ALTER TABLE certifications ADD PRIMARY KEY (talent_id, id)",
        ]),
        ("cards", [
            "ALTER TABLE card_events DROP CONSTRAINT IF EXISTS card_events_card_id_fkey",
            "ALTER TABLE cards DROP CONSTRAINT IF EXISTS cards_number_key",
            "ALTER TABLE cards DROP CONSTRAINT cards_pkey",
            "ALTER TABLE cards ADD PRIMARY KEY (talent_id, id)",
        ]),
        ("card_events", [
            "ALTER TABLE card_events ALTER COLUMN talent_id SET NOT NULL",
            "ALTER TABLE card_events DROP CONSTRAINT card_events_pkey",
            "ALTER TABLE card_events ADD PRIMARY KEY (talent_id, id)",
        ]),
        ("payouts", [
            "ALTER TABLE payouts DROP CONSTRAINT IF EXISTS payouts_policy_id_fkey",
            "ALTER TABLE payouts DROP CONSTRAINT payouts_pkey",
            "ALTER TABLE payouts ADD PRIMARY KEY (talent_id, id)",
        ]),
    ]

    /// The talent's rows refer to it within their shard, and to the reference tables.
    static let talentForeignKeys = [
        "ALTER TABLE talents ADD FOREIGN KEY (user_id) REFERENCES users (id)",
        "ALTER TABLE talents ADD FOREIGN KEY (butler_id) REFERENCES users (id)",
        "ALTER TABLE talents ADD FOREIGN KEY (district_code) REFERENCES orgs (code)",
        "ALTER TABLE talent_categories ADD FOREIGN KEY (talent_id) REFERENCES talents (id)",
        "ALTER TABLE certifications ADD FOREIGN KEY (talent_id) REFERENCES talents (id)",
        "ALTER TABLE certifications ADD FOREIGN KEY (certified_by) REFERENCES users (id)",
        "ALTER TABLE cards ADD FOREIGN KEY (talent_id) REFERENCES talents (id)",
        "ALTER TABLE cards ADD FOREIGN KEY (talent_id, certification_id) REFERENCES certifications (talent_id, id)",
        "ALTER TABLE card_events ADD FOREIGN KEY (talent_id, card_id) REFERENCES cards (talent_id, id)",
        "ALTER TABLE payouts ADD FOREIGN KEY (talent_id) REFERENCES talents (id)",
        "ALTER TABLE payouts ADD FOREIGN KEY (policy_id) REFERENCES policies (id)",
    ]

    /// The order's children refer to it by (district, id) once all are distributed; the order to
    /// its accounts in the reference table. Not the events: Citus takes no foreign key from a
    /// partitioned table into a distributed one (an order and its events are written in one
    /// transaction).
    static let districtForeignKeys = [
        "ALTER TABLE work_orders ADD FOREIGN KEY (requester_id) REFERENCES users (id)",
        "ALTER TABLE work_orders ADD FOREIGN KEY (filed_by) REFERENCES users (id)",
        "ALTER TABLE work_order_co_orgs ADD FOREIGN KEY (district_code, order_id) REFERENCES work_orders (district_code, id)",
        "ALTER TABLE escalations ADD FOREIGN KEY (district_code, order_id) REFERENCES work_orders (district_code, id)",
    ]

    /// Indexes the distributed tables need beyond their keys, made on every start when missing.
    /// An order whose id names no district that holds it (drawn before ids named districts) is read
    /// by its id alone (`WorkOrderService.load`): every shard is asked, and with the key led by the
    /// district each shard scanned its orders (350 ms at 10 M orders); by this index each shard
    /// answers from one index page.
    static let districtIndexes = [
        "CREATE INDEX IF NOT EXISTS work_orders_id ON work_orders (id)",
    ]

    /// Whether the database is a Citus coordinator.
    public static func isCitus(_ db: Database) async throws -> Bool {
        guard db.dialect == .postgres else { return false }
        return try await db.read { sql in
            try await sql.raw("SELECT 1 AS yes FROM pg_extension WHERE extname = 'citus'").first() != nil
        }
    }

    /// Places the tables not yet placed and returns their names; nil when the database is not a
    /// Citus coordinator (SQLite, PostgreSQL without the extension). Safe to run from several instances
    /// at once (the key that `Database.lockSchema` shares) and again on every start (placed tables are skipped).
    @discardableResult
    public static func apply(_ db: Database) async throws -> [String]? {
        guard try await isCitus(db) else { return nil }
        return try await db.longTransaction { sql in
            // A refusal names the statement it answers, for the operator.
            func run(_ statement: SQLQueryString) async throws {
                do { try await sql.raw(statement).run() } catch {
                    let (text, binds) = sql.serialize(statement)
                    throw PlacementError(statement: text + (binds.isEmpty ? "" : " \(binds.map { "\($0)" })"), reason: String(reflecting: error))
                }
            }
            // The whole database's key, exclusively: Citus's placements of two schemas at once
            // deadlock on its metadata (create_reference_table of both waiting for the other).
            try await Database.lockDatabase(sql)
            // Modifications of reference tables and DDL in one transaction: one connection per node.
            try await sql.raw("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'").run()
            // A Citus local table counts as placed: on a cluster placed before migration 025, the
            // talent side became such when the accounts became a reference table, and there it stays
            // (Citus cannot take a Citus local table with an identity column back; docs/SCALING.md).
            let placed = Set(try await sql.raw("SELECT logicalrelid::text AS name FROM pg_dist_partition").all()
                .map { try $0.decode(column: "name", as: String.self) })
            var done: [String] = []
            // Keys first, then the distributed tables, then the reference tables: once a reference
            // table exists, the tables that refer to it become Citus local tables, which can then
            // neither change their constraints nor be distributed.
            for group in groups {
                for (table, rekey) in group.tables where !placed.contains(table) {
                    for statement in rekey { try await run(SQLQueryString(statement)) }
                }
            }
            for group in groups {
                let anchor = group.tables[0].table
                for (table, _) in group.tables where !placed.contains(table) {
                    if table == anchor {
                        try await run("SELECT create_distributed_table(\(bind: table), \(bind: group.anchorColumn))")
                    } else {
                        try await run("SELECT create_distributed_table(\(bind: table), \(bind: group.column), colocate_with => \(bind: anchor))")
                    }
                    done.append(table)
                }
            }
            for table in referenceTables where !placed.contains(table) {
                try await run("SELECT create_reference_table(\(bind: table))")
                done.append(table)
            }
            for group in groups where done.contains(group.tables[0].table) {
                for statement in group.foreignKeys { try await run(SQLQueryString(statement)) }
            }
            if done.contains("work_orders") {
                // A transaction that has read orders on several shards and then changes a table
                // that refers to a reference table (a payout, a notification) must use one
                // connection per node throughout; Citus refuses it otherwise.
                try await run("""
                    DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET citus.multi_shard_modify_mode = %L', current_database(), 'sequential'); END $$
                    """)
            }
            // Placed now or before: every start makes what is missing.
            for statement in districtIndexes { try await run(SQLQueryString(statement)) }
            return done
        }
    }
}

/// A statement of the placement that Citus refused, and its answer.
public struct PlacementError: Error, CustomStringConvertible {
    public let statement: String
    public let reason: String
    public var description: String { "Citus refused «\(statement)»: \(reason)" }
}

/// Whether the database is a Citus coordinator, asked once a process: a database does not become
/// one under a running product (placing the tables is `yingcai migrate`'s work, before serving).
final class CitusFlag: Sendable {
    private let known = NIOLockedValueBox<Bool?>(nil)

    func isCitus(_ db: Database) async throws -> Bool {
        if let known = known.withLockedValue({ $0 }) { return known }
        let answer = try await CitusPlacement.isCitus(db)
        known.withLockedValue { $0 = answer }
        return answer
    }
}
