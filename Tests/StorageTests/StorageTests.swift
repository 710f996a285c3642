import Foundation
import Logging
import SQLKit
import Storage
import TestSupport
import Testing

/// The storage layer on the real database of the run (SQLite, or PostgreSQL with
/// YINGCAI_TEST_DATABASE_URL): one code path for both.
@Suite("Storage")
struct StorageTests {
    static let logger = Logger(label: "storage-test")

    static let twoSteps = [
        Migration("001-things", ddl: ["CREATE TABLE things (id {id}, name TEXT NOT NULL, tag TEXT)"]),
        Migration("002-counts", ddl: ["CREATE TABLE counts (k TEXT PRIMARY KEY, n BIGINT NOT NULL)"]),
        // Where SQLite keeps the ids it draws ahead (PostgreSQL draws from the table's sequence).
        Migration("003-ids", ddl: ["CREATE TABLE id_sequences (name TEXT PRIMARY KEY, last BIGINT NOT NULL)"]),
    ]

    @Test("each migration runs once and is recorded; running them again changes nothing")
    func migrationsRunOnce() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            #expect(try await db.migrate(Array(Self.twoSteps.prefix(1))) == ["001-things"])
            #expect(try await db.migrate(Self.twoSteps) == ["002-counts", "003-ids"])
            #expect(try await db.migrate(Self.twoSteps).isEmpty)
            let recorded = try await db.read { sql in
                try await sql.raw("SELECT id FROM schema_migrations ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(recorded == ["001-things", "002-counts", "003-ids"])
        }
    }

    @Test("a failing migration leaves no trace and is tried again next time")
    func failingMigration() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            let broken = Migration("004-broken", ddl: ["CREATE TABLE half (id {id})", "CREATE TABLE things (id {id})"])
            await #expect(throws: (any Error).self) { try await db.migrate(Self.twoSteps + [broken]) }
            // The first two were applied and recorded, the broken one neither.
            let tables = try await db.read { sql in
                try await sql.raw("SELECT id FROM schema_migrations ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(tables == ["001-things", "002-counts", "003-ids"])
            let fixed = Migration("004-broken", ddl: ["CREATE TABLE half (id {id})"])
            #expect(try await db.migrate(Self.twoSteps + [fixed]) == ["004-broken"])
        }
    }

    @Test("values(_:) reads every kind of cell by position, with binds of every kind the product writes, on both databases and inside a transaction")
    func values() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate([Migration("001-mixed", ddl: [
                "CREATE TABLE mixed (id BIGINT PRIMARY KEY, small INTEGER, ratio DOUBLE PRECISION, name TEXT, blob {bytes}, flag BOOLEAN)",
            ])])
            try await db.transaction { sql in
                try await sql.raw("""
                    INSERT INTO mixed VALUES (1, 7, 29.718, '渝北区 \u{1F389}', \(bind: Data([0, 1, 255])), \(bind: true)),
                                             (2, NULL, NULL, NULL, NULL, NULL)
                    """).run()
            }
            let query: SQLQueryString = """
                SELECT id, small, ratio, name, blob FROM mixed
                WHERE id IN (\(binds: [Int64(1), Int64(2)])) AND (name = \(bind: "渝北区 \u{1F389}") OR COALESCE(name, \(bind: nil as String?)) IS NULL)
                  AND id > \(bind: 0) AND \(bind: 1.5) > 1.0 ORDER BY id
                """
            let rows = try await db.values(query)
            #expect(rows.count == 2)
            #expect(rows[0][0] == .int(1) && rows[0][1].int == 7 && rows[0][2].double == 29.718 && rows[0][3].text == "渝北区 \u{1F389}")
            #expect(rows[0][4] == .bytes([0, 1, 255]))
            #expect(rows[1][1] == .null && rows[1][2] == .null && rows[1][3].text == nil && rows[1][4] == .null)
            // Inside a transaction, on its connection: a row written there is seen.
            let inside = try await db.transaction { sql in
                try await sql.raw("INSERT INTO mixed (id) VALUES (3)").run()
                return try await db.values("SELECT id FROM mixed ORDER BY id")
            }
            #expect(inside.map { $0[0].int } == [1, 2, 3])
        }
    }

    @Test("a write set's rows, counters and statements reach the database; counters of one key are summed")
    func writeSets() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            var a = WriteSet()
            a.insert("things", columns: ["name", "tag"], values: [SQLBind("甲"), SQLBind("x")])
            a.add("counts", keyColumns: ["k"], key: [.text("orders")], ["n": 2])
            var b = WriteSet()
            b.insert("things", columns: ["name", "tag"], values: [SQLBind("乙"), SQLBind(nil as String?)])
            b.add("counts", keyColumns: ["k"], key: [.text("orders")], ["n": 3])
            b.execute("UPDATE things SET tag = 'y' WHERE name = '甲'")
            a.merge(b)
            #expect(a.statementCount == 3 + 0)  // one INSERT of two rows, one upsert, one UPDATE
            try await db.write(a)
            try await db.write(b)  // the second write adds 3 more and another 乙
            let rows = try await db.read { sql in
                try await sql.raw("SELECT name, tag FROM things ORDER BY id").all().map {
                    "\(try $0.decode(column: "name", as: String.self))\(try $0.decode(column: "tag", as: String?.self) ?? "-")"
                }
            }
            #expect(rows == ["甲y", "乙-", "乙-"])
            let n = try await db.read { sql in try await sql.raw("SELECT n FROM counts WHERE k = 'orders'").first()!.decode(column: "n", as: Int64.self) }
            #expect(n == 8)
        }
    }

    @Test("a set larger than a statement's bound values (65,535 on PostgreSQL) is written whole, in pieces")
    func largeSets() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            var set = WriteSet()
            for i in 0..<40_000 { set.add("counts", keyColumns: ["k"], key: [.text("k\(i)")], ["n": Int64(i % 7 + 1)]) }
            for i in 0..<20_000 { set.insert("things", columns: ["name", "tag"], values: [SQLBind("t\(i)"), SQLBind("x")]) }
            try await db.write(set)
            let (keys, sum, things) = try await db.read { sql in
                let c = try await sql.raw("SELECT count(*) AS n, CAST(sum(n) AS BIGINT) AS s FROM counts").first()!
                let t = try await sql.raw("SELECT count(*) AS n FROM things").first()!
                return (try c.decode(column: "n", as: Int64.self), try c.decode(column: "s", as: Int64.self), try t.decode(column: "n", as: Int64.self))
            }
            #expect(keys == 40_000 && things == 20_000)
            var expected: Int64 = 0
            for i in 0..<40_000 { expected += Int64(i % 7 + 1) }
            #expect(sum == expected)
        }
    }

    @Test("a statement expected to touch a number of rows rolls the whole set back when it does not")
    func expectations() async throws {
        struct Taken: Error {}
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            var set = WriteSet()
            set.insert("things", columns: ["name", "tag"], values: [SQLBind("丙"), SQLBind("z")])
            set.execute("UPDATE things SET tag = 'w' WHERE name = '没有'", expecting: 1, otherwise: Taken())
            await #expect(throws: Taken.self) { try await db.write(set) }
            let count = try await db.read { sql in try await sql.raw("SELECT count(*) AS n FROM things").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    /// PostgreSQL sends a statement's CommandComplete before the commit of its implicit transaction
    /// (at Sync), and PostgresNIO resolves the query on CommandComplete: a write answered as done
    /// could still fail to commit (here a deferred key; in a switchover, the wait for the standby
    /// cut short). A write set is therefore always committed with an explicit COMMIT.
    @Test("a write returns only once committed: a failure at commit time (a deferred foreign key) fails the write and leaves nothing")
    func writeFailsAtCommit() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps + [Migration("004-deferred", ddl: [
                "CREATE TABLE parents (id BIGINT PRIMARY KEY)",
                "CREATE TABLE children (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)",
            ])])
            var set = WriteSet()
            set.insert("things", columns: ["name", "tag"], values: [SQLBind("丁"), SQLBind("d")])
            set.insert("children", columns: ["id", "parent"], values: [SQLBind(1 as Int64), SQLBind(404 as Int64)])
            await #expect(throws: (any Error).self) { try await db.write(set) }
            let count = try await db.read { sql in try await sql.raw("SELECT count(*) AS n FROM things").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
            // The same set with its parent is written whole.
            set.insert("parents", columns: ["id"], values: [SQLBind(404 as Int64)])
            try await db.write(set)
            let written = try await db.read { sql in try await sql.raw("SELECT count(*) AS n FROM children").first()!.decode(column: "n", as: Int.self) }
            #expect(written == 1)
        }
    }

    @Test("LIKE patterns built from what a user typed match % and _ only as themselves", arguments: ["%", "_", "\\", "5%_折"])
    func likePatterns(typed: String) async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            try await db.transaction { sql in
                for name in ["打5%_折", "打五折", "100%", "a_b", "ab", "back\\slash"] {
                    try await sql.raw("INSERT INTO things (name) VALUES (\(bind: name))").run()
                }
            }
            let found = try await db.read { sql in
                try await sql.raw("SELECT name FROM things WHERE name LIKE \(bind: LikePattern.containing(typed)) ESCAPE '\\' ORDER BY name").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            let expected = ["打5%_折", "打五折", "100%", "a_b", "ab", "back\\slash"].filter { $0.contains(typed) }.sorted()
            #expect(found == expected, "typed \(typed)")
        }
    }

    @Test("a transaction joins the one its task already runs in, and a rollback undoes both")
    func joinedTransactions() async throws {
        struct Abandon: Error {}
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            await #expect(throws: Abandon.self) {
                try await db.transaction { outer in
                    try await outer.raw("INSERT INTO things (name) VALUES ('外')").run()
                    try await db.transaction { inner in try await inner.raw("INSERT INTO things (name) VALUES ('内')").run() }
                    #expect(db.inTransaction)
                    throw Abandon()
                }
            }
            let count = try await db.read { sql in try await sql.raw("SELECT count(*) AS n FROM things").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
            #expect(await db.answers())
        }
    }

    @Test("a statement kept prepared by its text answers as a plain read does; a connection keeps at most 32, and none with prepared_statements=off")
    func preparedReads() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            try await db.transaction { sql in
                try await sql.raw("INSERT INTO things (name, tag) VALUES ('甲', NULL), ('乙''s', 'x'), ('丙', 'y')").run()
            }
            struct Thing: Equatable { let id: Int64?, name: String?, tag: String?, i: Int64? }
            func things(_ rows: [any SQLRow]) throws -> [Thing] {
                try rows.map { try Thing(id: $0.decode(column: "id", as: Int64.self), name: $0.decode(column: "name", as: String.self),
                                         tag: $0.decode(column: "tag", as: String?.self), i: $0.decode(column: "i", as: Int64.self)) }
            }
            func things(_ rows: [SQLValues]) -> [Thing] {
                rows.map { Thing(id: $0[0].int, name: $0[1].text, tag: $0[2].text, i: $0[3].int) }
            }
            // More statements than a connection keeps: the oldest are closed and asked again later.
            for round in 0..<2 {
                for i in 0..<150 {
                    let sql = "SELECT id, name, tag, \(i) AS i FROM things WHERE name <> \(SQLLiteral.text("乙's")) OR \(i % 3) = 0 ORDER BY id"
                    let plain = try await db.read { try await $0.raw(SQLQueryString(sql)).all() }
                    let prepared = try await db.readPrepared(sql)
                    #expect(try things(prepared) == things(plain), "round \(round), statement \(i)")
                    #expect(things(prepared).count == (i % 3 == 0 ? 3 : 2))
                }
            }
            // Inside a transaction, on its connection: it sees what the transaction wrote.
            try await db.transaction { sql in
                try await sql.raw("INSERT INTO things (name) VALUES ('丁')").run()
                #expect(try await db.readPrepared("SELECT count(*) AS n FROM things")[0][0].int == 4)
                #expect(db.inTransaction)
            }
            guard let url = TestDatabase.postgresURL else { return }
            // The statements each connection holds (this one among them): never more than 32, where
            // 150 went over at most four connections.
            for _ in 0..<16 {
                let held = try await db.readPrepared("SELECT count(*) AS n FROM pg_prepared_statements")[0][0].int ?? 0
                #expect(held >= 1 && held <= 32)
            }
            let off = try await Database.open(url: url + (url.contains("?") ? "&" : "?") + "prepared_statements=off", sqlitePath: "",
                                              poolSize: 1, limits: TestDatabase.patientLimits, logger: Self.logger)
            let held = try await off.readPrepared("SELECT count(*) AS n FROM pg_prepared_statements")[0][0].int
            await off.shutdown()
            #expect(held == 0)
        }
    }

    @Test("ids drawn ahead are fresh, increasing, and never behind the table's own")
    func idsDrawnAhead() async throws {
        try await TestDatabase.withEmpty(logger: Self.logger) { db in
            try await db.migrate(Self.twoSteps)
            let first = try await db.allocateIds(for: "things", count: 3)
            try await db.transaction { sql in
                for id in first { try await sql.raw("INSERT INTO things (id, name) VALUES (\(bind: id), '预')").run() }
            }
            let next = try await db.allocateIds(for: "things", count: 2)
            #expect(first == first.sorted() && Set(first).count == 3)
            #expect(next.allSatisfy { $0 > first[2] })
            let third = try await db.allocateIds(for: "things", count: 1)
            #expect(third[0] > next[1])
        }
    }
}
