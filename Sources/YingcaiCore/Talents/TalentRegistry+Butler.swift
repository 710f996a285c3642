import SQLKit
import Storage

extension TalentRegistry {
    /// 人才管家: names the one butler who looks after a certified talent (or none). An admin of the
    /// talent's area assigns a user with the butler role; the butler then files orders on the
    /// talent's behalf and follows all of them.
    public func assignButler(_ talentId: Int64, username: String?, by principal: Principal) async throws -> Int64? {
        let talent = try await talent(talentId, by: principal)
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以指定人才管家 / only an admin assigns butlers") }
        guard talent.tier != nil else { throw CoreError.conflict("须先完成人才认定 / the talent has no valid tier") }
        var butlerId: Int64?
        if let username {
            let row = try await db.read { db in try await db.raw("SELECT id, roles FROM users WHERE username = \(bind: username) AND disabled = 0").first() }
            guard let row, try row.decode(column: "roles", as: String.self).split(separator: ",").contains("butler") else {
                throw CoreError.invalid("butler", "该用户不存在或不是人才管家 / no such butler")
            }
            butlerId = try row.decode(column: "id", as: Int64.self)
        }
        let id = butlerId
        try await db.transaction { db in
            try await db.raw("UPDATE talents SET butler_id = \(bind: id), updated_at = \(bind: clock.nowMillis()) WHERE id = \(bind: talentId)").run()
            try await audit.record(on: db, at: clock.nowMillis(), actor: principal.userId, action: "talent.butler", subject: "talent",
                                   id: talentId, detail: "butler=\(id.map(String.init) ?? "none")")
        }
        return butlerId
    }

    /// The talents a butler looks after, so that a butler's list is their talents.
    public func butlerOf(_ talentId: Int64) async throws -> (id: Int64, name: String, phone: String?)? {
        let row = try await db.read { db in
            try await db.raw("SELECT u.id, u.display_name, u.work_phone FROM talents t JOIN users u ON u.id = t.butler_id WHERE t.id = \(bind: talentId)").first()
        }
        return try row.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "display_name", as: String.self),
                              try $0.decode(column: "work_phone", as: String?.self)) }
    }
}
