import SQLKit
import Storage

/// The registry's figures for the dashboard (一屏知全域): talents by tier, category and district, and
/// the talent cards in force, for the districts of a node (all of them for the city).
public struct TalentFigures: Sendable {
    let db: Database
    let clock: Clockwork

    public struct Counts: Sendable, Equatable {
        /// By tier in force (`-` for none or lapsed), in tier order.
        public var tiers: [(code: String, count: Int)] = []
        public var categories: [(code: String, count: Int)] = []
        public var districts: [(code: String, count: Int)] = []
        public var cards = 0

        public static func == (a: Counts, b: Counts) -> Bool {
            a.tiers.map(\.code) == b.tiers.map(\.code) && a.tiers.map(\.count) == b.tiers.map(\.count)
                && a.categories.map(\.code) == b.categories.map(\.code) && a.categories.map(\.count) == b.categories.map(\.count)
                && a.districts.map(\.code) == b.districts.map(\.code) && a.districts.map(\.count) == b.districts.map(\.count)
                && a.cards == b.cards
        }
    }

    /// `districts`: nil for the whole city.
    public func counts(districts: [String]?) async throws -> Counts {
        let today = clock.today.description
        let scope: SQLQueryString = districts.map { $0.isEmpty ? "district_code IS NULL" : "district_code IN (\(binds: $0))" } ?? "1 = 1"
        @Sendable func pairs(_ sql: SQLQueryString, on db: any SQLDatabase) async throws -> [(code: String, count: Int)] {
            try await db.raw(sql).all().map { (try $0.decode(column: "k", as: String?.self) ?? "-", try $0.decode(column: "n", as: Int.self)) }
        }
        return try await db.read { db in
            var c = Counts()
            c.tiers = try await pairs("SELECT CASE WHEN tier_valid_until >= \(bind: today) THEN tier ELSE '-' END AS k, count(*) AS n FROM talents WHERE "
                                      + scope + " GROUP BY 1 ORDER BY 1", on: db)
            c.districts = try await pairs("SELECT district_code AS k, count(*) AS n FROM talents WHERE " + scope + " GROUP BY 1 ORDER BY 2 DESC, 1", on: db)
            c.categories = try await pairs("SELECT category AS k, count(*) AS n FROM talent_categories WHERE talent_id IN (SELECT id FROM talents WHERE "
                                           + scope + ") GROUP BY 1 ORDER BY 2 DESC, 1", on: db)
            c.cards = try await db.raw("SELECT count(*) AS n FROM cards WHERE status = 'active' AND valid_until >= \(bind: today) AND talent_id IN (SELECT id FROM talents WHERE "
                                       + scope + ")").first()!.decode(column: "n", as: Int.self)
            return c
        }
    }
}
