import Foundation
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO

/// One cell of a result read with `Database.values(_:)`, by position.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bytes([UInt8])

    public var int: Int64? {
        switch self {
        case .int(let v): v
        case .double(let v): Int64(exactly: v)
        case .text(let v): Int64(v)
        default: nil
        }
    }

    public var double: Double? {
        switch self {
        case .double(let v): v
        case .int(let v): Double(v)
        case .text(let v): Double(v)
        default: nil
        }
    }

    public var text: String? {
        switch self {
        case .text(let v): v
        case .int(let v): String(v)
        case .double(let v): String(v)
        default: nil
        }
    }
}

/// A row of `SQLValue`s in the order of the SELECT list.
public typealias SQLValues = [SQLValue]

extension Database {
    /// Runs a query that reads and returns its rows as plain values, in the order of the SELECT
    /// list. For pages of many rows: SQLKit's `decode(column:as:)` on PostgreSQL goes through
    /// `Decodable` for every cell (a coding path, a name lookup, a dynamic cast), which for a page of
    /// 1,000 rows of 14 columns cost more than the query; this reads PostgresNIO's cells directly.
    /// Inside a transaction it joins it (through SQLKit, as every other read). On PostgreSQL a nil
    /// bind is sent untyped: use it where the statement gives it a type (`COALESCE(name, $1)`).
    public func values(_ query: SQLQueryString) async throws -> [SQLValues] {
        if let connection = joined() { return try await Self.values(query, on: connection) }
        if let postgres = backend as? PostgresBackend { return try await postgres.values(query) }
        return try await backend.read { db in try await Self.values(query, on: db) }
    }

    /// Through SQLKit: SQLite's rows are its own values; other rows are read column by column.
    static func values(_ query: SQLQueryString, on db: any SQLDatabase) async throws -> [SQLValues] {
        try await db.raw(query).all().map { row in
            if let sqlite = row as? SQLiteRow {
                return sqlite.columns.map { column in
                    switch column.data {
                    case .integer(let v): .int(Int64(v))
                    case .float(let v): .double(v)
                    case .text(let v): .text(v)
                    case .blob(let v): .bytes(Array(buffer: v))
                    case .null: .null
                    }
                }
            }
            return try row.allColumns.map { name in
                if try row.decodeNil(column: name) { return .null }
                if let v = try? row.decode(column: name, as: Int64.self) { return .int(v) }
                if let v = try? row.decode(column: name, as: Double.self) { return .double(v) }
                if let v = try? row.decode(column: name, as: String.self) { return .text(v) }
                return .bytes(Array(try row.decode(column: name, as: Data.self)))
            }
        }
    }
}

extension PostgresBackend {
    func values(_ query: SQLQueryString) async throws -> [SQLValues] {
        try await call { connection in
            var serializer = SQLSerializer(database: connection.sql(queryLogLevel: nil))
            query.serialize(to: &serializer)
            var bindings = PostgresBindings(capacity: serializer.binds.count)
            for bind in serializer.binds { try Self.append(bind, to: &bindings) }
            var out: [SQLValues] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: serializer.sql, binds: bindings), logger: self.logger) {
                out.append(try row.map(Self.value))
            }
            return out
        }
    }

    /// The binds the product writes: whole numbers, floating point, text, bytes, booleans, nil.
    static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) throws {
        try append(any: bind, to: &bindings)
    }

    private static func append(any bind: Any, to bindings: inout PostgresBindings) throws {
        switch bind {
        case let v as Int64: bindings.append(v)
        case let v as Int: bindings.append(Int64(v))
        case let v as Int32: bindings.append(v)
        case let v as String: bindings.append(v)
        case let v as Double: bindings.append(v)
        case let v as Bool: bindings.append(v)
        case let v as Data: bindings.append(ByteBuffer(bytes: v))
        case let v as [UInt8]: bindings.append(ByteBuffer(bytes: v))
        case let optional as any OptionalBind:
            guard let wrapped = optional.wrapped else { return bindings.appendNull() }
            try append(any: wrapped, to: &bindings)
        default:
            throw PostgresValuesError.unsupportedBind(String(describing: type(of: bind)))
        }
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2: return .int(try cell.decode(Int64.self))
        case .float8, .float4: return .double(try cell.decode(Double.self))
        case .numeric: return .double(Double(try cell.decode(String.self)) ?? .nan)
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .bytes(Array(buffer: try cell.decode(ByteBuffer.self)))
        default: return .text(try cell.decode(String.self))
        }
    }
}

enum PostgresValuesError: Error {
    case unsupportedBind(String)
}

/// An `Optional` bind, opened without knowing what it wraps.
protocol OptionalBind {
    var wrapped: Any? { get }
}

extension Optional: OptionalBind {
    var wrapped: Any? { self.map { $0 as Any } }
}
