import Foundation
import ProgrammeRules
import SQLKit
import Storage

/// A reviewer of the pool (评审专家库): a user with the reviewer role, their field, employer and
/// declared collaborators, and how many applications they take a round.
public struct ProgrammeReviewer: Sendable, Equatable {
    public let userId: Int64
    public let username: String
    public let displayName: String
    public let field: String
    public let employer: String
    public let talentId: Int64?
    public let collaboratorIds: [Int64]
    public let maxLoad: Int
}

public struct ReviewerInput: Sendable, Codable {
    public var field: String?
    public var employer: String?
    /// The reviewer's own talent record, if they are a registered talent too.
    public var talentId: Int64?
    /// Talents they declare as close collaborators (合作者).
    public var collaborators: [Int64]?
    public var maxLoad: Int?
    public init(field: String? = nil, employer: String? = nil, talentId: Int64? = nil, collaborators: [Int64]? = nil, maxLoad: Int? = nil) {
        self.field = field; self.employer = employer; self.talentId = talentId; self.collaborators = collaborators; self.maxLoad = maxLoad
    }
}

extension Programme {
    static let reviewerColumns = """
        r.user_id, u.username, u.display_name, r.field, r.employer, r.talent_id, r.collaborator_ids, r.max_load
        """

    func reviewerRecord(_ row: any SQLRow) throws -> ProgrammeReviewer {
        ProgrammeReviewer(userId: try row.decode(column: "user_id", as: Int64.self), username: try row.decode(column: "username", as: String.self),
                          displayName: try row.decode(column: "display_name", as: String.self), field: try row.decode(column: "field", as: String.self),
                          employer: try row.decode(column: "employer", as: String.self), talentId: try row.decode(column: "talent_id", as: Int64?.self),
                          collaboratorIds: try Self.decode([Int64].self, try row.decode(column: "collaborator_ids", as: String.self)),
                          maxLoad: try row.decode(column: "max_load", as: Int.self))
    }

    /// The pool, for the city talent office.
    public func reviewers(by p: Principal) async throws -> [ProgrammeReviewer] {
        try requireCityOffice(p)
        return try await db.read { db in try await allReviewers(on: db) }
    }

    /// A page of the pool by user id: `after` is the last user id of the previous page.
    public func reviewers(by p: Principal, limit: Int, after: Int64?) async throws -> [ProgrammeReviewer] {
        try requireCityOffice(p)
        return try await db.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.reviewerColumns) FROM programme_reviewers r JOIN users u ON u.id = r.user_id
                WHERE u.disabled = 0 AND r.user_id > \(bind: after ?? 0) ORDER BY r.user_id LIMIT \(bind: limit)
                """).all().map(reviewerRecord)
        }
    }

    func allReviewers(on db: any SQLDatabase) async throws -> [ProgrammeReviewer] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.reviewerColumns) FROM programme_reviewers r JOIN users u ON u.id = r.user_id
            WHERE u.disabled = 0 ORDER BY r.user_id
            """).all().map(reviewerRecord)
    }

    /// A reviewer's own profile (their field, employer, collaborators), or nil when not in the pool.
    public func reviewerProfile(of p: Principal) async throws -> ProgrammeReviewer? {
        try await db.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.reviewerColumns) FROM programme_reviewers r JOIN users u ON u.id = r.user_id WHERE r.user_id = \(bind: p.userId)")
                .first().map(reviewerRecord)
        }
    }

    /// Puts a user with the reviewer role in the pool, or changes their profile: by the city talent
    /// office, or by the reviewer for their own collaborators and employer.
    public func setReviewer(_ username: String, _ input: ReviewerInput, by p: Principal) async throws -> ProgrammeReviewer {
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let user = try await db.raw("SELECT id, roles FROM users WHERE username = \(bind: username)").first() else {
                throw CoreError.notFound("user \(username)")
            }
            let id = try user.decode(column: "id", as: Int64.self)
            guard p.isCityTalentOffice || p.userId == id else { throw CoreError.forbidden("由市人才办维护专家库 / the city talent office keeps the pool") }
            guard try user.decode(column: "roles", as: String.self).split(separator: ",").contains("reviewer") else {
                throw CoreError.invalid("username", "该用户不是评审专家 / the user has no reviewer role")
            }
            let current = try await db.raw("SELECT \(unsafeRaw: Self.reviewerColumns) FROM programme_reviewers r JOIN users u ON u.id = r.user_id WHERE r.user_id = \(bind: id)")
                .first().map(reviewerRecord)
            var errors = FieldErrors()
            let field = (input.field ?? current?.field ?? "").trimmed
            let employer = (input.employer ?? current?.employer ?? "").trimmed
            let maxLoad = input.maxLoad ?? current?.maxLoad ?? 20
            if FieldTaxonomy.standard.field(field) == nil { errors.add("field", "学科领域代码不存在 / unknown field code") }
            if employer.isEmpty || employer.count > 128 { errors.add("employer", "工作单位为 1–128 字 / an employer of 1 to 128 characters") }
            if !(0...200).contains(maxLoad) { errors.add("maxLoad", "评审上限为 0–200 / a cap from 0 to 200") }
            if p.userId == id && !p.isCityTalentOffice && (input.field != nil || input.maxLoad != nil) {
                errors.add("field", "领域与上限由市人才办确定 / the office sets the field and the cap")
            }
            let collaborators = Array(Set(input.collaborators ?? current?.collaboratorIds ?? [])).sorted()
            if collaborators.count > 200 || collaborators.contains(where: { $0 < 1 }) {
                errors.add("collaborators", "合作者为至多 200 名人才的编号 / at most 200 talents' ids")
            }
            if let t = input.talentId,
               try await db.raw("SELECT 1 AS found FROM talents WHERE id = \(bind: t)").first() == nil {
                errors.add("talentId", "人才不存在 / no such talent")
            }
            try errors.throwIfAny()
            let talentId = input.talentId ?? current?.talentId
            try await db.raw("DELETE FROM programme_reviewers WHERE user_id = \(bind: id)").run()
            try await db.raw("""
                INSERT INTO programme_reviewers (user_id, field, employer, talent_id, collaborator_ids, max_load, updated_at)
                VALUES (\(bind: id), \(bind: field), \(bind: employer), \(bind: talentId), \(bind: Self.json(collaborators)), \(bind: maxLoad), \(bind: now))
                """).run()
            try await audit.record(on: db, at: now, actor: p.userId, action: "programme.reviewer", subject: "user", id: id,
                                   detail: "field=\(field),maxLoad=\(maxLoad),collaborators=\(collaborators.count)")
            return try await db.raw("SELECT \(unsafeRaw: Self.reviewerColumns) FROM programme_reviewers r JOIN users u ON u.id = r.user_id WHERE r.user_id = \(bind: id)")
                .first().map(reviewerRecord)!
        }
    }
}
