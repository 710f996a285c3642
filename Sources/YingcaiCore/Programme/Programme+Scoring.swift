import Foundation
import ProgrammeRules
import SQLKit
import Storage

/// One reviewer's score of one application (打分): per criterion of the special's rubric, the
/// weighted total on 0–100, their comment, and, once ranked, the normalised total.
public struct ProgrammeScore: Sendable, Equatable {
    public let applicationId: Int64
    public let reviewerId: Int64
    public let reviewerName: String
    public let scores: [String: Double]
    public let total: Double
    public let normalised: Double?
    public let comment: String
    public let submittedAt: Int64
}

/// An application as its reviewer works on it: what to score it on and their own score, if given.
/// Reviewers never see each other's scores.
public struct ReviewTask: Sendable {
    public let application: ProgrammeApplication
    public let rubric: Rubric
    public let myScore: ProgrammeScore?
    /// Scores are taken while the call is in review.
    public let open: Bool
}

extension Programme {
    func scoreRecord(_ row: any SQLRow) throws -> ProgrammeScore {
        ProgrammeScore(applicationId: try row.decode(column: "application_id", as: Int64.self), reviewerId: try row.decode(column: "reviewer_id", as: Int64.self),
                       reviewerName: try row.decode(column: "username", as: String.self),
                       scores: try Self.decode([String: Double].self, try row.decode(column: "scores", as: String.self)),
                       total: try row.decode(column: "total", as: Double.self), normalised: try row.decode(column: "normalised", as: Double?.self),
                       comment: try row.decode(column: "comment", as: String.self), submittedAt: try row.decode(column: "submitted_at", as: Int64.self))
    }

    static let scoreColumns = "s.application_id, s.reviewer_id, u.username, s.scores, s.total, s.normalised, s.comment, s.submitted_at"

    /// A reviewer's own assignments, with their scores where given, the ones to do first.
    public func reviewTasks(by p: Principal) async throws -> [ReviewTask] {
        guard p.has(.reviewer) else { throw CoreError.forbidden("评审专家专用 / for reviewers") }
        return try await db.read { db in
            let applications = try await db.raw("""
                SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom)
                WHERE a.id IN (SELECT application_id FROM programme_assignments WHERE reviewer_id = \(bind: p.userId)) ORDER BY c.year DESC, a.id
                """).all().map(applicationRecord)
            var calls: [Int: ProgrammeCall] = [:]
            var tasks: [ReviewTask] = []
            for a in applications {
                if calls[a.year] == nil { calls[a.year] = try await loadCall(year: a.year, on: db) }
                let call = calls[a.year]!
                let mine = try await db.raw("""
                    SELECT \(unsafeRaw: Self.scoreColumns) FROM programme_scores s JOIN users u ON u.id = s.reviewer_id
                    WHERE s.application_id = \(bind: a.id) AND s.reviewer_id = \(bind: p.userId)
                    """).first().map(scoreRecord)
                tasks.append(ReviewTask(application: a, rubric: call.rules.specials[a.special]?.rubric ?? .standard, myScore: mine,
                                        open: call.rules.state == .inReview && a.state == .inReview))
            }
            return tasks.sorted { ($0.myScore == nil ? 0 : 1, $0.application.id) < ($1.myScore == nil ? 0 : 1, $1.application.id) }
        }
    }

    /// 打分: a reviewer scores an application assigned to them by its rubric, with a comment; they may
    /// change it until the call is ranked.
    public func score(application id: Int64, scores: [String: Double], comment: String?, by p: Principal) async throws -> ProgrammeScore {
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let a = try await loadApplication(id, on: db, lock: true), try await assigned(id, p, on: db) else {
                throw CoreError.notFound("application \(id)")
            }
            let call = try await loadCall(year: a.year, on: db)!
            guard call.rules.state == .inReview, a.state == .inReview else {
                throw CoreError.conflict("评审已结束 / the review is over")
            }
            let comment = (comment ?? "").trimmed
            if comment.isEmpty || comment.count > 2000 { throw CoreError.invalid("comment", "评审意见为 1–2000 字 / a comment of 1 to 2000 characters") }
            let total: Double
            let rubric = call.rules.specials[a.special]?.rubric ?? .standard
            do throws(ProgrammeError) { total = try rubric.weightedTotal(scores) } catch { throw Self.failure(error) }
            try await db.raw("DELETE FROM programme_scores WHERE application_id = \(bind: id) AND reviewer_id = \(bind: p.userId)").run()
            try await db.raw("""
                INSERT INTO programme_scores (application_id, reviewer_id, scores, total, comment, submitted_at)
                VALUES (\(bind: id), \(bind: p.userId), \(bind: Self.json(scores)), \(bind: total), \(bind: comment), \(bind: now))
                """).run()
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.scoreColumns) FROM programme_scores s JOIN users u ON u.id = s.reviewer_id
                WHERE s.application_id = \(bind: id) AND s.reviewer_id = \(bind: p.userId)
                """).first().map(scoreRecord)!
        }
    }

    /// 主动回避: a reviewer declares a conflict the data missed; it is recorded with that cause, the
    /// reviewer is taken off the application and the best reviewer the rules allow put on it.
    public func recuse(application id: Int64, reason: String?, by p: Principal) async throws {
        let reason = (reason ?? "").trimmed
        guard !reason.isEmpty, reason.count <= 500 else { throw CoreError.invalid("reason", "请说明回避理由（至多 500 字）/ a reason of up to 500 characters") }
        let now = clock.nowMillis()
        try await db.transaction { db in
            guard let a = try await loadApplication(id, on: db, lock: true), try await assigned(id, p, on: db) else {
                throw CoreError.notFound("application \(id)")
            }
            let call = try await loadCall(year: a.year, on: db)!
            try await db.raw("""
                INSERT INTO programme_conflicts (application_id, reviewer_id, cause, detail, found_at)
                VALUES (\(bind: id), \(bind: p.userId), \(bind: ConflictCause.declaredByReviewer.rawValue), \(bind: reason), \(bind: now))
                """).run()
            try await replace(a, p.userId, by: nil, call: call, reason: "专家主动回避", actor: p, at: now, on: db)
        }
    }

    func assigned(_ application: Int64, _ p: Principal, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS x FROM programme_assignments WHERE application_id = \(bind: application) AND reviewer_id = \(bind: p.userId)
            """).first() != nil
    }

    /// An application's scores: every reviewer's for the city talent office, their own for an assigned
    /// reviewer; for anyone else the application is not there (404).
    public func scores(of id: Int64, by p: Principal) async throws -> [ProgrammeScore] {
        try await db.read { db in
            let all = p.isCityTalentOffice
            var mayRead = all
            if !all, p.has(.reviewer) { mayRead = try await assigned(id, p, on: db) }
            guard mayRead else { throw CoreError.notFound("application \(id)") }
            let mine: SQLQueryString = all ? "" : " AND s.reviewer_id = \(bind: p.userId)"
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.scoreColumns) FROM programme_scores s JOIN users u ON u.id = s.reviewer_id
                WHERE s.application_id = \(bind: id)\(mine) ORDER BY u.username
                """).all().map(scoreRecord)
        }
    }
}
