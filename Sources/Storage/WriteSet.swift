import SQLKit

/// The rows and statements one change writes, gathered before anything is written, so that they
/// reach the database in as few statements as possible: one multi-row INSERT per table and column
/// list, counters summed by key into one upsert per table, and on PostgreSQL all of it in a single
/// statement (data-modifying `WITH` parts), which is one round trip, in a transaction of its own
/// (see `Database.write`). Several changes can be merged into one set and written together (`merge`).
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

    struct Rows: Sendable {
        let table: String
        let columns: [String]
        let conflict: OnConflict
        var rows: [[SQLBind]]
    }

    struct Sums: Sendable {
        let table: String
        let keys: [String]
        /// Counters added to rows found by `keys` (created at zero when missing).
        var sums: [[KeyValue]: [String: Int64]]
    }

    /// The parts in order of first use; rows and sums live in their own arrays so that adding to
    /// them mutates in place.
    enum Part: Sendable {
        case rows(Int)
        case sums(Int)
        case statement(SQLQueryString, expectation: Expectation?)
    }

    private(set) var parts: [Part] = []
    private var rowParts: [Rows] = []
    private var sumParts: [Sums] = []
    /// Where the rows of a table (by column list and conflict), and the sums of a table, are kept.
    /// Column lists are compared whole; callers pass the same array each time, which compares at once.
    private var rowIndex: [String: [Int]] = [:]
    private var sumIndex: [String: [Int]] = [:]

    public init() {}

    public var isEmpty: Bool { parts.isEmpty }

    /// How many statements the set is written with (before PostgreSQL joins them into one).
    public var statementCount: Int { statements().count }

    /// One row for `table`. Rows of the same table and columns become one INSERT.
    public mutating func insert(_ table: String, columns: [String], values: [SQLBind], onConflict: OnConflict = .fail) {
        precondition(columns.count == values.count, "\(table): \(columns.count) columns, \(values.count) values")
        append(table, columns, onConflict, rows: [values])
    }

    private mutating func append(_ table: String, _ columns: [String], _ conflict: OnConflict, rows: [[SQLBind]]) {
        if let i = rowIndex[table]?.first(where: { rowParts[$0].columns == columns && rowParts[$0].conflict == conflict }) {
            rowParts[i].rows += rows
        } else {
            rowIndex[table, default: []].append(rowParts.count)
            parts.append(.rows(rowParts.count))
            rowParts.append(Rows(table: table, columns: columns, conflict: conflict, rows: rows))
        }
    }

    /// Adds `amounts` to the counters of the row of `table` whose key columns hold `key` (the table's
    /// primary key, in the order of `keyColumns`). Amounts for one key are summed before writing.
    public mutating func add(_ table: String, keyColumns: [String], key: [KeyValue], _ amounts: [String: Int64]) {
        precondition(keyColumns.count == key.count)
        let i = sumsPart(table, keyColumns)
        guard var counters = sumParts[i].sums.removeValue(forKey: key) else {
            sumParts[i].sums[key] = amounts
            return
        }
        for (column, n) in amounts { counters[column, default: 0] += n }
        sumParts[i].sums[key] = counters
    }

    private mutating func sumsPart(_ table: String, _ keyColumns: [String]) -> Int {
        if let i = sumIndex[table]?.first(where: { sumParts[$0].keys == keyColumns }) { return i }
        sumIndex[table, default: []].append(sumParts.count)
        parts.append(.sums(sumParts.count))
        sumParts.append(Sums(table: table, keys: keyColumns, sums: [:]))
        return sumParts.count - 1
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
            case .rows(let j):
                let r = other.rowParts[j]
                append(r.table, r.columns, r.conflict, rows: r.rows)
            case .sums(let j):
                let o = other.sumParts[j]
                for (key, amounts) in o.sums { add(o.table, keyColumns: o.keys, key: key, amounts) }
            case .statement:
                parts.append(part)
            }
        }
    }

    /// PostgreSQL takes at most 65,535 bound values in one statement (SQLite 32,766): a large set is
    /// cut below that, and not joined into one statement.
    static let maxBinds = 30_000

    /// The parts as statements, each with its expectation. Counter rows are sorted by key, so that
    /// concurrent writers lock them in one order and cannot deadlock on each other.
    func statements() -> [(sql: any SQLExpression, expectation: Expectation?)] {
        parts.flatMap { part -> [(sql: any SQLExpression, expectation: Expectation?)] in
            guard let one = statement(part) else { return [] }
            guard let insert = one.sql as? InsertRows, insert.rows.count * insert.columns.count > Self.maxBinds else { return [one] }
            let perChunk = max(1, Self.maxBinds / max(1, insert.columns.count))
            return stride(from: 0, to: insert.rows.count, by: perChunk).map { start in
                (InsertRows(table: insert.table, columns: insert.columns, rows: Array(insert.rows[start..<min(start + perChunk, insert.rows.count)]),
                            tail: insert.tail), nil)
            }
        }
    }

    func statement(_ part: Part) -> (sql: any SQLExpression, expectation: Expectation?)? {
        switch part {
        case .rows(let i):
            let r = rowParts[i]
            var tail = ""
            if case .ignore(let keys) = r.conflict { tail = " ON CONFLICT (\(keys.joined(separator: ", "))) DO NOTHING" }
            return (InsertRows(table: r.table, columns: r.columns, rows: r.rows, tail: tail), nil)
        case .sums(let i):
            let (table, keys, sums) = (sumParts[i].table, sumParts[i].keys, sumParts[i].sums)
            let live = sums.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
            guard !live.isEmpty else { return nil }
            let counters = Set(live.values.flatMap(\.keys)).sorted()
            let rows = live.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).map { key in
                key.map(\.bind) + counters.map { SQLBind(live[key]![$0] ?? 0) }
            }
            let tail = " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET "
                + counters.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
            return (InsertRows(table: table, columns: keys + counters, rows: rows, tail: tail), nil)
        case .statement(let sql, let expectation):
            return (expectation == nil ? sql : sql + " RETURNING 1", expectation)
        }
    }

    /// The bound values of a statement, where known (a statement of its own counts as few).
    static func binds(_ sql: any SQLExpression) -> Int {
        (sql as? InsertRows).map { $0.rows.count * $0.columns.count } ?? 16
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` and a tail, written straight to the serializer.
    struct InsertRows: SQLExpression {
        let table: String
        let columns: [String]
        let rows: [[SQLBind]]
        let tail: String

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
            for (i, row) in rows.enumerated() {
                serializer.write(i == 0 ? "(" : ", (")
                for (j, value) in row.enumerated() {
                    if j > 0 { serializer.write(", ") }
                    serializer.write(bind: value.encodable)
                }
                serializer.write(")")
            }
            serializer.write(tail)
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
        case .postgres where statements.count > 1 && statements.reduce(0, { $0 + Self.binds($1.sql) }) < 60_000:
            var query: SQLQueryString = "WITH "
            var counted: [(name: String, Expectation)] = []
            for (i, s) in statements.enumerated() {
                if i > 0 { query += ", " }
                query += "w\(unsafeRaw: String(i)) AS (\(s.sql))"
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
                    guard try await sql.raw("\(s.sql)").all().count == e.rows else { throw WriteSetError.expectationFailed(e.error) }
                } else {
                    try await sql.raw("\(s.sql)").run()
                }
            }
        }
    }
}

public enum WriteSetError: Error, Sendable {
    case unexpectedRowCount(expected: Int)
    /// A statement matched another number of rows than expected; the write was rolled back.
    /// `Database.write` throws the expectation's own error instead.
    case expectationFailed(any Error & Sendable)
}
