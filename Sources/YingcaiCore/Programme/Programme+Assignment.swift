import Foundation
import ProgrammeRules
import SQLKit
import Storage

/// The review round as the office sees it: who reviews what (with the fit), what is short and why,
/// and every conflict of interest found, with its cause.
public struct AssignmentView: Sendable {
    public struct Reviewer: Sendable, Equatable {
        public let userId: Int64
        public let username: String
        public let affinity: Int
        public let scored: Bool
    }

    public struct Entry: Sendable {
        public let application: ProgrammeApplication
        public let needed: Int
        public let reviewers: [Reviewer]
    }

    public let entries: [Entry]
    public let totalAffinity: Int
    public let conflicts: [Conflict]
    public var shortfalls: [Entry] { entries.filter { $0.reviewers.count < $0.needed } }
}

extension Programme {
    /// What the assignment needs of a call in review: the applications under review and their
    /// parties, the pool with its recusals, and the conflicts that follow.
    struct Round {
        let call: ProgrammeCall
        let applications: [ProgrammeApplication]
        let parties: [ApplicationParties]
        let reviewers: [ProgrammeReviewer]
        let conflicts: [Conflict]

        var problem: AssignmentProblem {
            let pool = Set(reviewers.map(\.userId))
            return AssignmentProblem(
                applications: applications.map {
                    .init(id: $0.id, field: $0.field, reviewersNeeded: call.rules.specials[$0.special]?.reviewersPerApplication ?? 3)
                },
                reviewers: reviewers.map { .init(id: $0.userId, field: $0.field, maxLoad: $0.maxLoad) },
                conflicts: conflicts.filter { pool.contains($0.reviewerId) }.map(\.pair))
        }
    }

    func round(_ call: ProgrammeCall, on db: any SQLDatabase) async throws -> Round {
        let applications = try await db.raw("""
            SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom)
            WHERE a.call_id = \(bind: call.id) AND a.state = 'in_review' ORDER BY a.id
            """).all().map(applicationRecord)
        let memberIds = Array(Set(applications.flatMap(\.teamMemberIds)))
        var employerOf: [Int64: String] = [:]
        if !memberIds.isEmpty {
            for row in try await db.raw("SELECT id, employer FROM talents WHERE id IN (\(binds: memberIds))").all() {
                employerOf[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "employer", as: String.self)
            }
        }
        let parties = applications.map { a in
            ApplicationParties(id: a.id, applicantTalentId: a.applicantTalentId, teamMemberTalentIds: Set(a.teamMemberIds),
                               employers: [a.employer] + a.teamMemberIds.compactMap { employerOf[$0] }, exclusions: a.exclusions, field: a.field)
        }
        let recused = try await db.raw("""
            SELECT k.application_id, k.reviewer_id FROM programme_conflicts k JOIN programme_applications a ON a.id = k.application_id
            WHERE a.call_id = \(bind: call.id) AND k.cause = \(bind: ConflictCause.declaredByReviewer.rawValue)
            """).all().map { (try $0.decode(column: "reviewer_id", as: Int64.self), try $0.decode(column: "application_id", as: Int64.self)) }
        let recusals = Dictionary(grouping: recused, by: \.0).mapValues { Set($0.map(\.1)) }
        let reviewers = try await allReviewers(on: db)
        let profiles = reviewers.map {
            ReviewerProfile(id: $0.userId, talentId: $0.talentId, employer: $0.employer, collaboratorTalentIds: Set($0.collaboratorIds),
                            recusedApplicationIds: recusals[$0.userId] ?? [], field: $0.field)
        }
        let conflicts = ConflictRules.allConflicts(reviewers: profiles, applications: parties)
        return Round(call: call, applications: applications, parties: parties, reviewers: reviewers, conflicts: conflicts)
    }

    /// 分配: every application under review gets its reviewers, none in conflict, none above their cap,
    /// the total field affinity the highest possible (`ReviewerAssignment.solve`). Conflicts are kept
    /// with their causes. Before any score is in, a new run replaces the last; after, only swaps.
    public func assign(_ year: Int, by p: Principal) async throws -> AssignmentView {
        try requireCityOffice(p)
        let now = clock.nowMillis()
        try await db.transaction { db in
            guard let call = try await loadCall(year: year, on: db, lock: true) else { throw CoreError.notFound("call \(year)") }
            guard call.rules.state == .inReview else {
                throw CoreError.conflict("评审开始后才能分配专家 / reviewers are assigned once the review has started")
            }
            let scored = try await db.raw("""
                SELECT count(*) AS n FROM programme_scores s JOIN programme_applications a ON a.id = s.application_id WHERE a.call_id = \(bind: call.id)
                """).first()!.decode(column: "n", as: Int.self)
            guard scored == 0 else {
                throw CoreError.conflict("已有专家提交评分，请逐一调整 / scores are in: swap reviewers one at a time instead")
            }
            let round = try await round(call, on: db)
            guard !round.applications.isEmpty else { throw CoreError.conflict("没有进入评审的申报 / no application is under review") }
            let assignment: ReviewAssignment
            switch ReviewerAssignment.solve(round.problem) {
            case .success(let a): assignment = a
            case .failure(let e): throw Self.failure(e)
            }
            try await db.raw("DELETE FROM programme_assignments WHERE call_id = \(bind: call.id)").run()
            try await db.raw("""
                DELETE FROM programme_conflicts WHERE cause <> \(bind: ConflictCause.declaredByReviewer.rawValue)
                AND application_id IN (SELECT id FROM programme_applications WHERE call_id = \(bind: call.id))
                """).run()
            var writes = WriteSet()
            for c in round.conflicts where c.cause != .declaredByReviewer {
                writes.insert("programme_conflicts", columns: ["application_id", "reviewer_id", "cause", "detail", "found_at"],
                              values: [SQLBind(c.applicationId), SQLBind(c.reviewerId), SQLBind(c.cause.rawValue), SQLBind(c.detail), SQLBind(now)])
            }
            let fieldOf = Dictionary(uniqueKeysWithValues: round.reviewers.map { ($0.userId, $0.field) })
            let appField = Dictionary(uniqueKeysWithValues: round.applications.map { ($0.id, $0.field) })
            for entry in assignment.entries {
                for r in entry.reviewerIds {
                    let affinity = FieldTaxonomy.standard.affinity(fieldOf[r] ?? "", appField[entry.applicationId] ?? "") ?? 1
                    writes.insert("programme_assignments", columns: ["application_id", "reviewer_id", "call_id", "affinity", "source", "assigned_at"],
                                  values: [SQLBind(entry.applicationId), SQLBind(r), SQLBind(call.id), SQLBind(affinity), SQLBind("solver"), SQLBind(now)])
                }
            }
            try await writes.run(on: db, dialect: self.db.dialect)
            let callEvents = try await db.raw("SELECT count(*) AS n FROM programme_events WHERE subject = 'call' AND subject_id = \(bind: call.id)")
                .first()!.decode(column: "n", as: Int.self)
            try await event("call", call.id, seq: callEvents + 1, action: "assign", from: call.rules.state.rawValue, to: call.rules.state.rawValue,
                            note: "\(round.applications.count) 份申报，总匹配度 \(assignment.totalAffinity)，回避 \(round.conflicts.count) 项，缺额 \(assignment.shortfalls.count) 份",
                            by: p, at: now, on: db)
        }
        return try await assignment(year, by: p)
    }

    public func assignment(_ year: Int, by p: Principal) async throws -> AssignmentView {
        try requireCityOffice(p)
        return try await db.read { db in
            guard let call = try await loadCall(year: year, on: db) else { throw CoreError.notFound("call \(year)") }
            let applications = try await db.raw("""
                SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom)
                WHERE a.call_id = \(bind: call.id) AND a.id IN (SELECT application_id FROM programme_assignments WHERE call_id = \(bind: call.id))
                   OR (a.call_id = \(bind: call.id) AND a.state = 'in_review') ORDER BY a.id
                """).all().map(applicationRecord)
            let rows = try await db.raw("""
                SELECT x.application_id, x.reviewer_id, u.username, x.affinity,
                    (SELECT count(*) FROM programme_scores s WHERE s.application_id = x.application_id AND s.reviewer_id = x.reviewer_id) AS scored
                FROM programme_assignments x JOIN users u ON u.id = x.reviewer_id WHERE x.call_id = \(bind: call.id) ORDER BY x.application_id, u.username
                """).all()
            var byApplication: [Int64: [AssignmentView.Reviewer]] = [:]
            var total = 0
            for row in rows {
                let r = AssignmentView.Reviewer(userId: try row.decode(column: "reviewer_id", as: Int64.self), username: try row.decode(column: "username", as: String.self),
                                                affinity: try row.decode(column: "affinity", as: Int.self), scored: try row.decode(column: "scored", as: Int.self) > 0)
                byApplication[try row.decode(column: "application_id", as: Int64.self), default: []].append(r)
                total += r.affinity
            }
            let conflicts = try await db.raw("""
                SELECT k.application_id, k.reviewer_id, k.cause, k.detail FROM programme_conflicts k JOIN programme_applications a ON a.id = k.application_id
                WHERE a.call_id = \(bind: call.id) ORDER BY k.application_id, k.reviewer_id, k.cause
                """).all().map {
                Conflict(reviewerId: try $0.decode(column: "reviewer_id", as: Int64.self), applicationId: try $0.decode(column: "application_id", as: Int64.self),
                         cause: ConflictCause(rawValue: try $0.decode(column: "cause", as: String.self)) ?? .excludedByApplicant,
                         detail: try $0.decode(column: "detail", as: String.self))
            }
            return AssignmentView(
                entries: applications.map { a in
                    .init(application: a, needed: call.rules.specials[a.special]?.reviewersPerApplication ?? 3, reviewers: byApplication[a.id] ?? [])
                },
                totalAffinity: total, conflicts: conflicts)
        }
    }

    /// 手工调整: replaces reviewer `removed` by `added` on one application; checked by the rules
    /// (`ReviewerAssignment.checkSwap`: no conflict, within the cap, not already on it) and logged.
    /// A reviewer who has scored the application is not taken off it.
    public func swap(application id: Int64, replacing removed: Int64, with added: Int64, reason: String?, by p: Principal) async throws -> AssignmentView {
        try requireCityOffice(p)
        let now = clock.nowMillis()
        let year: Int = try await db.transaction { db in
            guard let a = try await loadApplication(id, on: db, lock: true) else { throw CoreError.notFound("application \(id)") }
            let call = try await loadCall(year: a.year, on: db)!
            try await replace(a, removed, by: added, call: call, reason: reason ?? "人工调整", actor: p, at: now, on: db)
            return a.year
        }
        return try await assignment(year, by: p)
    }

    /// Takes `removed` off `a` and puts `added` (or, when nil, the best reviewer the rules allow) on it.
    func replace(_ a: ProgrammeApplication, _ removed: Int64, by added: Int64?, call: ProgrammeCall, reason: String, actor p: Principal,
                 at now: Int64, on db: any SQLDatabase) async throws {
        guard call.rules.state == .inReview else { throw CoreError.conflict("评审阶段才能调整专家 / reviewers change only during the review") }
        let scored = try await db.raw("SELECT 1 AS x FROM programme_scores WHERE application_id = \(bind: a.id) AND reviewer_id = \(bind: removed)").first()
        if scored != nil { throw CoreError.conflict("该专家已提交评分，不能调换 / the reviewer has scored it and stays") }
        let round = try await round(call, on: db)
        let problem = round.problem
        let rows = try await db.raw("SELECT application_id, reviewer_id, affinity FROM programme_assignments WHERE call_id = \(bind: call.id)").all()
        var entries: [Int64: ReviewAssignment.Entry] = [:]
        var loads: [Int64: Int] = Dictionary(uniqueKeysWithValues: round.reviewers.map { ($0.userId, 0) })
        for row in rows {
            let app = try row.decode(column: "application_id", as: Int64.self), reviewer = try row.decode(column: "reviewer_id", as: Int64.self)
            entries[app, default: .init(applicationId: app, reviewerIds: [], affinity: 0)].reviewerIds.append(reviewer)
            entries[app]!.affinity += try row.decode(column: "affinity", as: Int.self)
            loads[reviewer, default: 0] += 1
        }
        let current = ReviewAssignment(entries: problem.applications.map { entries[$0.id] ?? .init(applicationId: $0.id, reviewerIds: [], affinity: 0) },
                                       totalAffinity: entries.values.map(\.affinity).reduce(0, +), shortfalls: [], loads: loads)
        let candidates = added.map { [$0] } ?? round.reviewers
            .filter { r in !(entries[a.id]?.reviewerIds.contains(r.userId) ?? false) }
            .sorted { (FieldTaxonomy.standard.affinity($0.field, a.field) ?? 0, -(loads[$0.userId] ?? 0), -$0.userId)
                > (FieldTaxonomy.standard.affinity($1.field, a.field) ?? 0, -(loads[$1.userId] ?? 0), -$1.userId) }.map(\.userId)
        var lastError: ProgrammeError?
        for candidate in candidates {
            switch ReviewerAssignment.checkSwap(in: current, of: problem, application: a.id, replacing: removed, with: candidate) {
            case .success:
                let affinity = FieldTaxonomy.standard.affinity(round.reviewers.first { $0.userId == candidate }?.field ?? "", a.field) ?? 1
                try await db.raw("DELETE FROM programme_assignments WHERE application_id = \(bind: a.id) AND reviewer_id = \(bind: removed)").run()
                try await db.raw("""
                    INSERT INTO programme_assignments (application_id, reviewer_id, call_id, affinity, source, assigned_at)
                    VALUES (\(bind: a.id), \(bind: candidate), \(bind: call.id), \(bind: affinity), 'swap', \(bind: now))
                    """).run()
                try await audit.record(on: db, at: now, actor: p.userId, action: "programme.swap", subject: "programme_application", id: a.id,
                                       detail: "removed=\(removed),added=\(candidate),reason=\(reason)")
                try await event("application", a.id, seq: a.lastSeq + 1, action: "reassign", from: a.state.rawValue, to: a.state.rawValue,
                                note: "更换一名评审专家：\(reason)", by: p, at: now, on: db)
                try await db.raw("UPDATE programme_applications SET last_seq = \(bind: a.lastSeq + 1), updated_at = \(bind: now) WHERE id = \(bind: a.id)").run()
                return
            case .failure(let e):
                lastError = e
            }
        }
        if added == nil {
            // Nobody the rules allow: the application stays one short, and the office sees it among the shortfalls.
            try await db.raw("DELETE FROM programme_assignments WHERE application_id = \(bind: a.id) AND reviewer_id = \(bind: removed)").run()
            return
        }
        throw Self.failure(lastError ?? .invalid(field: "added", message: "无法调换 / cannot swap"))
    }
}
