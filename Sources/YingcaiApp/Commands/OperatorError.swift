import PostgresNIO

/// What an operator needs to read of an error the driver describes only generically.
public enum OperatorError {
    public static func describe(_ error: any Error) -> String? {
        guard let pg = error as? PSQLError else { return nil }
        var parts = ["PostgreSQL \(pg.code)"]
        if let state = pg.serverInfo?[.sqlState] { parts.append("SQLSTATE \(state)") }
        if let message = pg.serverInfo?[.message] { parts.append(message) }
        if let detail = pg.serverInfo?[.detail] { parts.append(detail) }
        if let underlying = pg.underlying { parts.append(String(describing: underlying)) }
        return parts.joined(separator: ": ")
    }
}
