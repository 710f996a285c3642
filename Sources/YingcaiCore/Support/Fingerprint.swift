import SQLKit
import Storage

extension Yingcai {
    /// What a backup must give back: the rows of every table and the city's figures over all time.
    /// A restore is checked against it (`yingcai restore`), so "restored" means "answers the same".
    public func fingerprint() async throws -> [String: String] {
        let tables: [String] = try await db.read { db in
            let sql: SQLQueryString = db.dialect.name == "sqlite"
                ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            return try await db.raw(sql).all().map { try $0.decode(column: "t", as: String.self) }
        }
        var out: [String: String] = [:]
        for table in tables {
            let n = try await db.read { db in
                try await db.raw("SELECT count(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int64.self)
            }
            out["rows." + table] = String(n)
        }
        let city = Principal(userId: 0, username: "backup", roles: [.admin, .leader], org: .init("500000")!, talentId: nil)
        let report = try await figures.report(org: nil, from: "2000-01-01", to: clock.today.description, by: city)
        out["figures.city"] = Self.canonical(report.totals)
        out["figures.overdue"] = String(report.overdue)
        return out
    }

    /// A value written the same way in every process: dictionaries in key order (Swift's hashing
    /// is seeded per process, so `String(describing:)` of a dictionary is not).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary:
            let pairs = mirror.children.map { pair -> (String, String) in
                let kv = Array(Mirror(reflecting: pair.value).children)
                return (canonical(kv[0].value), canonical(kv[1].value))
            }
            return "[" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "]"
        case .struct, .class:
            return "(" + mirror.children.map { "\($0.label ?? ""): \(canonical($0.value))" }.joined(separator: ", ") + ")"
        case .optional:
            return mirror.children.first.map { canonical($0.value) } ?? "nil"
        case .collection, .set:
            let items = mirror.children.map { canonical($0.value) }
            return "[" + (mirror.displayStyle == .set ? items.sorted() : items).joined(separator: ", ") + "]"
        default:
            return String(describing: value)
        }
    }
}
