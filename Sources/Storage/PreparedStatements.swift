import NIOConcurrencyHelpers
import PostgresNIO

/// Statements kept prepared on each PostgreSQL connection, by their text, for the reads whose
/// planning costs more than their execution: the figures' sums over every shard of a Citus
/// cluster. Such a statement carries its values in its text (`SQLLiteral`), not as parameters:
/// Citus plans a statement over several shards again at every execution when it has parameters,
/// and caches the whole distributed plan of one without (measured: the figures' four statements
/// cost 7.2 ms of the machine unprepared, 4.8 ms prepared).
///
/// At most `perConnection` statements a connection, the least recently used closed first. Off
/// behind a pooler that moves a session's statements between server connections (PgBouncer before
/// 1.21 in transaction mode): `DATABASE_URL` with `prepared_statements=off`.
final class PreparedStatements: Sendable {
    private struct Prepared {
        var statements: [String: (query: PreparedQuery, used: UInt64)] = [:]
        let connection: PostgresConnection
    }

    private struct State {
        var connections: [ObjectIdentifier: Prepared] = [:]
        var tick: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    let perConnection: Int

    init(perConnection: Int = 32) {
        self.perConnection = perConnection
    }

    /// The rows of `sql` on `connection` (leased to the caller), preparing it there first if needed.
    func rows(_ sql: String, on connection: PostgresConnection) async throws -> [SQLValues] {
        let key = ObjectIdentifier(connection)
        let known = state.withLockedValue { s -> PreparedQuery? in
            s.tick += 1
            guard let found = s.connections[key]?.statements[sql] else { return nil }
            s.connections[key]!.statements[sql]!.used = s.tick
            return found.query
        }
        let query: PreparedQuery
        if let known {
            query = known
        } else {
            query = try await connection.prepare(query: sql).get()
            let evicted = state.withLockedValue { s -> PreparedQuery? in
                s.tick += 1
                if s.connections[key] == nil {
                    // Connections the pool has closed since: their statements went with them.
                    if s.connections.count >= 64 { s.connections = s.connections.filter { !$0.value.connection.isClosed } }
                    s.connections[key] = Prepared(connection: connection)
                }
                s.connections[key]!.statements[sql] = (query, s.tick)
                guard s.connections[key]!.statements.count > perConnection,
                      let oldest = s.connections[key]!.statements.min(by: { $0.value.used < $1.value.used }) else { return nil }
                s.connections[key]!.statements[oldest.key] = nil
                return oldest.value.query
            }
            if let evicted { try await evicted.deallocate().get() }
        }
        do {
            // PostgresNIO asks for every answer in binary (its Bind names the binary format for all
            // columns), but `PreparedQuery` labels the columns with the text format of the
            // statement's description: the cells are read as what they are.
            return try await query.execute().get().map { row in
                try row.map { cell in
                    try PostgresBackend.value(PostgresCell(bytes: cell.bytes, dataType: cell.dataType, format: .binary,
                                                           columnName: cell.columnName, columnIndex: cell.columnIndex))
                }
            }
        } catch {
            // Prepared again next time (a schema change may have made its plan invalid).
            state.withLockedValue { s in _ = s.connections[key]?.statements.removeValue(forKey: sql) }
            throw error
        }
    }
}

/// Values written into a statement's text, for the statements kept prepared by their text
/// (`Database.readPrepared`): only values the application made itself (dates, organisation codes).
public enum SQLLiteral {
    /// A string constant: `'…'`, each quote doubled (PostgreSQL's standard strings and SQLite's).
    public static func text(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `'a', 'b', …` for `IN (…)`.
    public static func list(_ values: [String]) -> String {
        values.map(text).joined(separator: ", ")
    }
}
