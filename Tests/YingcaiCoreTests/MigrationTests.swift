import Foundation
import Logging
import SQLKit
import Storage
import TestSupport
import Testing
import YingcaiCore

@Suite("Migrations")
struct MigrationTests {
    /// Tables, columns, indexes and constraints of the database, in a form that compares whole.
    static func schema(of db: Database) async throws -> [String] {
        try await db.read { sql in
            switch db.dialect {
            case .sqlite:
                return try await sql.raw("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all().map {
                    "\(try $0.decode(column: "type", as: String.self)) \(try $0.decode(column: "name", as: String.self)): \(try $0.decode(column: "sql", as: String?.self) ?? "")"
                }
            case .postgres:
                let columns = try await sql.raw("""
                    SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') AS d FROM information_schema.columns
                    WHERE table_schema = current_schema() ORDER BY table_name, column_name
                    """).all().map {
                    "column \(try $0.decode(column: "table_name", as: String.self)).\(try $0.decode(column: "column_name", as: String.self)) "
                        + "\(try $0.decode(column: "data_type", as: String.self)) \(try $0.decode(column: "is_nullable", as: String.self)) \(try $0.decode(column: "d", as: String.self))"
                }
                // Each test database is a schema of its own: its name is not part of the comparison.
                let schema = try await sql.raw("SELECT current_schema() AS s").first()!.decode(column: "s", as: String.self)
                let indexes = try await sql.raw("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname").all().map {
                    "index \(try $0.decode(column: "indexname", as: String.self)): "
                        + (try $0.decode(column: "indexdef", as: String.self)).replacingOccurrences(of: schema + ".", with: "")
                }
                let constraints = try await sql.raw("""
                    SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY conname
                    """).all().map { "constraint \(try $0.decode(column: "conname", as: String.self)): \(try $0.decode(column: "def", as: String.self))" }
                return columns + indexes + constraints
            }
        }
    }

    @Test("a database migrated one step at a time equals one migrated at once, and both record every step")
    func stepByStepEqualsAtOnce() async throws {
        let logger = Logger(label: "migrations")
        let atOnce = try await TestDatabase.withEmpty(logger: logger) { db in
            #expect(try await db.migrate(Schema.migrations).count == Schema.migrations.count)
            return try await Self.schema(of: db)
        }
        let stepwise = try await TestDatabase.withEmpty(logger: logger) { db in
            for n in 1...Schema.migrations.count {
                #expect(try await db.migrate(Array(Schema.migrations.prefix(n))) == [Schema.migrations[n - 1].id])
            }
            return try await Self.schema(of: db)
        }
        #expect(!atOnce.isEmpty)
        #expect(atOnce == stepwise, "\(Set(atOnce).symmetricDifference(stepwise).sorted().prefix(5))")
    }

    @Test("the steps are in order, one file each, with ids that never repeat")
    func ordered() {
        let ids = Schema.migrations.map(\.id)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for (i, id) in ids.enumerated() { #expect(id.hasPrefix(String(format: "%03d-", i + 1)), "\(id)") }
    }
}
