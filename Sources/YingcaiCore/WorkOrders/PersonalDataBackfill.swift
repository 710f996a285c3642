import Foundation
import Logging
import PersonalData
import SQLKit
import Storage

/// Seals the personal data of orders filed before their forms and texts were kept masked (migration
/// 014): once per database, at the first start of a version that has it, in batches, recorded as
/// done in `schema_migrations`. Safe to run on several instances at once (each update only touches a
/// row not sealed yet, and writes what any other instance would).
struct PersonalDataBackfill {
    static let id = "014b-seal-personal-data"
    let db: Database
    let catalog: Catalog
    let vault: PersonalDataVault
    let logger: Logger

    @discardableResult
    func run(batch: Int = 2000) async throws -> Int {
        let done = try await db.read { db in
            try await db.raw("SELECT id FROM schema_migrations WHERE id = \(bind: Self.id)").first() != nil
        }
        guard !done else { return 0 }
        var after: Int64 = 0
        var sealed = 0
        while true {
            let from = after
            let rows = try await db.read { db in
                try await db.raw("""
                    SELECT id, service_item_code, form, title, content FROM work_orders
                    WHERE id > \(bind: from) AND personal_sealed IS NULL ORDER BY id LIMIT \(bind: batch)
                    """).all()
            }
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: Int64.self)
            var writes = WriteSet()
            for row in rows {
                let item = try await row.decode(column: "service_item_code", as: String?.self).asyncMap { try await catalog.item($0) } ?? nil
                let stored = try row.decode(column: "form", as: String.self)
                let form = (try? JSONDecoder().decode([String: FormValidation.Value].self, from: Data(stored.utf8))) ?? [:]
                var (shown, personal) = PersonalForm.split(form, fields: item?.form ?? [])
                let title = PersonalForm.text(try row.decode(column: "title", as: String.self), field: "title", into: &personal)
                let content = PersonalForm.text(try row.decode(column: "content", as: String.self), field: "content", into: &personal)
                guard let text = PersonalForm.encode(personal) else { continue }
                let formJSON = String(decoding: try WorkOrderRecord.encoder.encode(shown), as: UTF8.self)
                writes.execute("""
                    UPDATE work_orders SET form = \(bind: formJSON), title = \(bind: title), content = \(bind: content),
                        personal_sealed = \(bind: Data(vault.seal(text, field: .orderPersonal)))
                    WHERE id = \(bind: try row.decode(column: "id", as: Int64.self)) AND personal_sealed IS NULL
                    """)
                sealed += 1
            }
            if !writes.isEmpty {
                let set = writes
                try await db.transaction { _ in try await db.write(set) }
            }
        }
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO schema_migrations (id, applied_at) VALUES (\(bind: Self.id), \(bind: Clock.nowMillis())) ON CONFLICT (id) DO NOTHING
                """).run()
        }
        if sealed > 0 { logger.info("sealed the personal data of earlier work orders", metadata: ["orders": "\(sealed)"]) }
        return sealed
    }
}
