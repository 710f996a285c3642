import SQLKit

/// Who did what to which record, written in the same transaction as the change. Never holds
/// personal data: the detail names fields, not their values.
struct AuditLog: Sendable {
    func record(on db: any SQLDatabase, at: Int64, actor: Int64?, action: String, subject: String, id: some CustomStringConvertible,
                detail: String, requestId: String? = nil) async throws {
        try await db.raw("""
            INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, detail, request_id)
            VALUES (\(bind: at), \(bind: actor), \(bind: action), \(bind: subject), \(bind: id.description), \(bind: detail), \(bind: requestId))
            """).run()
    }
}
