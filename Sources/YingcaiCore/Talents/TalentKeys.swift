import Foundation
import SQLKit
import Storage

/// The talent's keys that are unique across the city, kept apart from the talent's row (migration
/// 025): on Citus the talent side is distributed by the talent's id, and a unique key there holds
/// only within one talent's rows. Written in the transaction that writes the talent, alike on every
/// database; a second claim of one key fails as a unique violation, as a duplicate row would.
enum TalentKeys {
    /// Claims the keyed hash of an ID number for a talent (`talent_id_numbers`, keyed by the hash).
    static func claim(_ idHash: [UInt8], for talentId: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("INSERT INTO talent_id_numbers (id_hash, talent_id) VALUES (\(bind: Data(idHash)), \(bind: talentId))").run()
    }

    /// Gives up a hash the talent no longer carries (an admin corrected the ID number).
    static func release(_ idHash: Data, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM talent_id_numbers WHERE id_hash = \(bind: idHash)").run()
    }

    /// Links an account to its talent record: once, and never a record to a second account
    /// (`users_talent` is unique). An account that has a record already is a unique violation too.
    static func link(_ userId: Int64, to talentId: Int64, on db: any SQLDatabase) async throws {
        let linked = try await db.raw("""
            UPDATE users SET talent_id = \(bind: talentId) WHERE id = \(bind: userId) AND talent_id IS NULL RETURNING id
            """).first()
        guard linked != nil else { throw alreadyLinked }
    }

    static let alreadyLinked = CoreError.conflict("你已登记过人才信息 / you have already registered")
}
