import SQLKit

/// The rows and statements one change writes, gathered before anything is written, so that they
/// reach the database in as few statements as possible: one multi-row INSERT per table and column
/// list, counters summed by key into one upsert per table, and on PostgreSQL all of it in a single
/// statement (data-modifying `WITH` parts), which is one round trip and, outside a transaction,
/// one commit. Several changes can be merged into one set and written together (`merge`).
///
/// Rules for what goes in one set, because PostgreSQL runs the parts of one statement on one
/// snapshot: no two parts may change the same row (counters are summed per key for that reason),
/// and no part may read what another part writes.
public struct WriteSet: Sendable {
    public enum OnConflict: Sendable, Equatable {
        /// A duplicate key fails the write.
        case fail
        /// A duplicate key of these columns is skipped.
        case ignore([String])
    }

    /// A statement whose matched rows are counted: fewer or more than `rows` fails the write with `error`.
    public struct Expectation: Sendable {
        let rows: Int
        let error: any Error & Sendable
    }

    /// One value of a counter row's key.
    public enum KeyValue: Hashable, Comparable, Sendable {
        case text(String)
        case int(Int64)

        var bind: SQLBind {
            switch self {
            case .text(let v): SQLBind(v)
            case .int(let v): SQLBind(v)
            }
        }
    }

    enum Part: Sendable {
        case rows(table: String, columns: [String], conflict: OnConflict, rows: [[SQLBind]])
        /// Counters added to rows found by `keys` (created at zero when missing).
        case sums(table: String, keys: [String], sums: [[KeyValue]: [String: Int64]])
        case statement(SQLQueryString, expectation: Expectation?)
    }

    private(set) var parts: [Part] = []

    public init() {}

    public var isEmpty: Bool { parts.isEmpty }

    /// How many statements the set is written with (before PostgreSQL joins them into one).
    public var statementCount: Int { statements().count }

    /// One row for `table`. Rows of the same table and columns become one INSERT.
    public mutating func insert(_ table: String, columns: [String], values: [SQLBind], onConflict: OnConflict = .fail) {
        precondition(columns.count == values.count, "\(table): \(columns.count) columns, \(values.count) values")
        for i in parts.indices {
            if case .rows(table, columns, onConflict, var rows) = parts[i] {
                rows.append(values)
                parts[i] = .rows(table: table, columns: columns, conflict: onConflict, rows: rows)
                return
            }
        }
        parts.append(.rows(table: table, columns: columns, conflict: onConflict, rows: [values]))
    }

    /// Adds `amounts` to the counters of the row of `table` whose key columns hold `key` (the table's
    /// primary key, in the order of `keyColumns`). Amounts for one key are summed before writing.
    public mutating func add(_ table: String, keyColumns: [String], key: [KeyValue], _ amounts: [String: Int64]) {
        precondition(keyColumns.count == key.count)
        let index = parts.firstIndex {
            if case .sums(table, keyColumns, _) = $0 { return true } else { return false }
        }
        var sums: [[KeyValue]: [String: Int64]] = [:]
        if let index, case .sums(_, _, let existing) = parts[index] { sums = existing }
        for (column, n) in amounts { sums[key, default: [:]][column, default: 0] += n }
        if let index { parts[index] = .sums(table: table, keys: keyColumns, sums: sums) } else {
            parts.append(.sums(table: table, keys: keyColumns, sums: sums))
        }
    }

    /// Any other statement (an UPDATE or DELETE). With `expecting`, it must match exactly that many
    /// rows (it is given `RETURNING 1` to count them), or the write fails with `error`.
    public mutating func execute(_ statement: SQLQueryString, expecting rows: Int? = nil, otherwise error: (any Error & Sendable)? = nil) {
        let expectation = rows.map { Expectation(rows: $0, error: error ?? WriteSetError.unexpectedRowCount(expected: $0)) }
        parts.append(.statement(statement, expectation: expectation))
    }

    /// This set and `other` as one: rows of the same table and columns join one INSERT, counters of
    /// one key are summed, statements follow in order.
    public mutating func merge(_ other: WriteSet) {
        for part in other.parts {
            switch part {
            case .rows(let table, let columns, let conflict, let rows):
                for row in rows { insert(table, columns: columns, values: row, onConflict: conflict) }
            case .sums(let table, let keys, let sums):
                for (key, amounts) in sums { add(table, keyColumns: keys, key: key, amounts) }
            case .statement:
                parts.append(part)
            }
        }
    }

    /// The parts as statements, each with its expectation. Counter rows are sorted by key, so that
    /// concurrent writers lock them in one order and cannot deadlock on each other.
    func statements() -> [(sql: SQLQueryString, expectation: Expectation?)] {
        parts.compactMap { part in
            switch part {
            case .rows(let table, let columns, let conflict, let rows):
                var sql: SQLQueryString = "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES "
                for (i, row) in rows.enumerated() {
                    sql += i == 0 ? "(" : ", ("
                    for (j, value) in row.enumerated() {
                        if j > 0 { sql += ", " }
                        sql.appendInterpolation(value)
                    }
                    sql += ")"
                }
                if case .ignore(let keys) = conflict {
                    sql.appendInterpolation(unsafeRaw: " ON CONFLICT (\(keys.joined(separator: ", "))) DO NOTHING")
                }
                return (sql, nil)
            case .sums(let table, let keys, let sums):
                let live = sums.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
                guard !live.isEmpty else { return nil }
                let counters = Set(live.values.flatMap(\.keys)).sorted()
                var sql: SQLQueryString = "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: (keys + counters).joined(separator: ", "))) VALUES "
                for (i, key) in live.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).enumerated() {
                    sql += i == 0 ? "(" : ", ("
                    for (j, k) in key.enumerated() {
                        if j > 0 { sql += ", " }
                        sql.appendInterpolation(k.bind)
                    }
                    for c in counters { sql += ", \(bind: live[key]![c] ?? 0)" }
                    sql += ")"
                }
                sql.appendInterpolation(unsafeRaw: " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET ")
                sql.appendInterpolation(unsafeRaw: counters.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", "))
                return (sql, nil)
            case .statement(let sql, let expectation):
                return (expectation == nil ? sql : sql + " RETURNING 1", expectation)
            }
        }
    }

    /// Writes the set on `sql` (a connection, inside or outside a transaction). On PostgreSQL the
    /// statements go as one; on SQLite (in process, no round trips to save) one after another.
    /// A failed expectation throws its own error.
    public func run(on sql: any SQLDatabase, dialect: Dialect) async throws {
        do {
            try await runReportingExpectations(on: sql, dialect: dialect)
        } catch WriteSetError.expectationFailed(let error) {
            throw error
        }
    }

    func runReportingExpectations(on sql: any SQLDatabase, dialect: Dialect) async throws {
        let statements = statements()
        guard !statements.isEmpty else { return }
        switch dialect {
        case .postgres where statements.count > 1:
            var query: SQLQueryString = "WITH "
            var counted: [(name: String, Expectation)] = []
            for (i, s) in statements.enumerated() {
                if i > 0 { query += ", " }
                query += "w\(unsafeRaw: String(i)) AS (" + s.sql + ")"
                if let e = s.expectation { counted.append(("w\(i)", e)) }
            }
            if counted.isEmpty {
                query += " SELECT 1"
                try await sql.raw(query).run()
            } else {
                query.appendInterpolation(unsafeRaw: " SELECT " + counted.map { "(SELECT count(*) FROM \($0.name)) AS \($0.name)" }.joined(separator: ", "))
                let row = try await sql.raw(query).first()!
                for (name, e) in counted where try row.decode(column: name, as: Int.self) != e.rows {
                    throw WriteSetError.expectationFailed(e.error)
                }
            }
        default:
            for s in statements {
                if let e = s.expectation {
                    guard try await sql.raw(s.sql).all().count == e.rows else { throw WriteSetError.expectationFailed(e.error) }
                } else {
                    try await sql.raw(s.sql).run()
                }
            }
        }
    }

    /// Whether a failed write must be rolled back by a transaction: a statement with an expectation
    /// may have changed rows before its count was found wrong.
    var needsTransaction: Bool {
        parts.contains { if case .statement(_, .some) = $0 { return true } else { return false } }
    }
}

public enum WriteSetError: Error, Sendable {
    case unexpectedRowCount(expected: Int)
    /// A statement matched another number of rows than expected; the write was rolled back.
    /// `Database.write` throws the expectation's own error instead.
    case expectationFailed(any Error & Sendable)
}
