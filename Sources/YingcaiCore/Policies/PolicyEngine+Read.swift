import Logging
import PolicyLanguage
import PostgresNIO
import SQLKit
import Storage
import WorkCalendar

extension PolicyEngine {
    /// Reads every talent in batches of `chunk`, in id order. On PostgreSQL one streamed query
    /// decoded by position (a whole-registry run is bound by reading: SQLKit's decoding by column
    /// name cost five times PostgreSQL's own COPY of the same columns); on SQLite, pages by id.
    func forEachBatch(today: LocalDate, _ body: ([Loaded]) async throws -> Void) async throws {
        if let pg = db.postgres {
            try await pg.withConnection { conn in
                let rows = try await conn.query(PostgresQuery(unsafeSQL: "SELECT \(Self.talentColumns) FROM talents t ORDER BY t.id"),
                                                logger: Logger(label: "yingcai.policies"))
                var batch: [Loaded] = []
                batch.reserveCapacity(Self.chunk)
                for try await (id, tier, until, categories, honors, education, title, field, district, arrival, birth, certified)
                    in rows.decode((Int64, String?, String?, String, String, String, String, String, String, String?, String?, String?).self) {
                    batch.append(Self.loaded(id: id, tier: tier, until: until, categories: categories, honors: honors, education: education,
                                             title: title, field: field, district: district, arrival: arrival, birth: birth,
                                             certified: certified, today: today))
                    if batch.count == Self.chunk {
                        try await body(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try await body(batch) }
            }
            return
        }
        var after: Int64 = 0
        while true {
            let cursor = after
            let rows = try await db.read { db in
                try await db.raw("""
                    SELECT \(unsafeRaw: Self.talentColumns) FROM talents t WHERE t.id > \(bind: cursor) ORDER BY t.id LIMIT \(unsafeRaw: String(Self.chunk))
                    """).all()
            }
            if rows.isEmpty { return }
            let batch = try rows.map { try loaded($0, today: today) }
            after = batch.last!.id
            try await body(batch)
            if rows.count < Self.chunk { return }
        }
    }

    static func loaded(id: Int64, tier: String?, until: String?, categories: String, honors: String, education: String, title: String,
                       field: String, district: String, arrival: String?, birth: String?, certified: String?, today: LocalDate) -> Loaded {
        let validUntil = until.flatMap { LocalDate($0) }
        let current = (validUntil.map { $0 >= today } ?? false) ? tier : nil
        let arrivalDate = arrival.flatMap { LocalDate($0) }
        func text(_ s: String) -> String? { s.isEmpty ? nil : s }
        let record = TalentRecord(
            tier: current, categories: TalentRow.list(categories), honors: TalentRow.list(honors),
            education: text(education), title: text(title), field: text(field), district: district,
            arrivalDate: arrivalDate, birthDate: birth.flatMap { LocalDate($0) }, certifiedOn: certified.flatMap { LocalDate($0) },
            tierValidUntil: current == nil ? nil : validUntil)
        return Loaded(id: id, district: district, tier: current, arrival: arrivalDate, record: record)
    }
}
