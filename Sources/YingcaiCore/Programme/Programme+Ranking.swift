import Foundation
import ProgrammeRules
import SQLKit
import Storage

/// One special's ranking as the talent office reads it: places with raw and normalised scores and
/// every reviewer's score and comment, who is selected, and the tie at the quota line, if any.
public struct RankingView: Sendable {
    public struct Row: Sendable {
        public let application: ProgrammeApplication
        public let scores: [ProgrammeScore]
    }

    public let special: Special
    public let quota: Int
    public let rows: [Row]
    /// Places left for the tied applications (`tied` rows), when the committee has yet to decide.
    public let placesLeftForTie: Int?
}

extension Programme {
    /// 排序: every score of the call normalised per reviewer (`ScoreNormalisation`), each application
    /// ranked in its special by the mean of its normalised scores (`Ranking`), those clearly within the
    /// quota selected and those clearly outside not; a tie across the quota line waits for the committee.
    func rank(_ call: ProgrammeCall, by p: Principal, at now: Int64, on db: any SQLDatabase) async throws {
        let applications = try await db.raw("""
            SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom) WHERE a.call_id = \(bind: call.id) AND a.state = 'in_review'
            """).all().map(applicationRecord)
        let rows = try await db.raw("""
            SELECT s.application_id, s.reviewer_id, s.total FROM programme_scores s JOIN programme_applications a ON a.id = s.application_id
            WHERE a.call_id = \(bind: call.id) AND a.state = 'in_review' ORDER BY s.application_id, s.reviewer_id
            """).all()
        let scores = try rows.map {
            ReviewScore(reviewerId: try $0.decode(column: "reviewer_id", as: Int64.self), applicationId: try $0.decode(column: "application_id", as: Int64.self),
                        total: try $0.decode(column: "total", as: Double.self))
        }
        // Every assigned reviewer must have scored: a ranking on part of the scores would not be fair.
        let missing = try await db.raw("""
            SELECT count(*) AS n FROM programme_assignments x WHERE x.call_id = \(bind: call.id)
            AND NOT EXISTS (SELECT 1 FROM programme_scores s WHERE s.application_id = x.application_id AND s.reviewer_id = x.reviewer_id)
            AND x.application_id IN (SELECT id FROM programme_applications WHERE state = 'in_review')
            """).first()!.decode(column: "n", as: Int.self)
        if missing > 0 { throw CoreError.invalid("scores", "尚有 \(missing) 份评分未提交 / \(missing) scores are not in yet") }
        let unscored = applications.filter { a in !scores.contains { $0.applicationId == a.id } }
        if !unscored.isEmpty {
            throw CoreError.invalid("scores", "申报 \(unscored.map { String($0.id) }.joined(separator: "、")) 没有评分 / applications without any score")
        }
        let normalised: ScoreNormalisation.NormalisedScores
        switch ScoreNormalisation.normalise(scores) {
        case .success(let n): normalised = n
        case .failure(let e): throw Self.failure(e)
        }
        var writes = WriteSet()
        for (i, s) in scores.enumerated() {
            writes.execute("""
                UPDATE programme_scores SET normalised = \(bind: normalised.normalised[i])
                WHERE application_id = \(bind: s.applicationId) AND reviewer_id = \(bind: s.reviewerId)
                """)
        }
        let rawMean = Dictionary(grouping: scores, by: \.applicationId).mapValues { list in list.map(\.total).reduce(0, +) / Double(list.count) }
        let entries = applications.map { RankingEntry(applicationId: $0.id, special: $0.special, score: normalised.applicationScores[$0.id] ?? 0) }
        let quotas = call.rules.specials.mapValues(\.quota)
        let rankings: [SpecialRanking]
        switch Ranking.rank(entries, quotas: quotas) {
        case .success(let r): rankings = r
        case .failure(let e): throw Self.failure(e)
        }
        for ranking in rankings {
            let tied = Set(ranking.tie?.applicationIds ?? [])
            for place in ranking.places {
                writes.execute("""
                    UPDATE programme_applications SET raw_score = \(bind: rawMean[place.applicationId]), score = \(bind: place.score),
                        place = \(bind: place.rank), tied = \(bind: tied.contains(place.applicationId) ? 1 : 0) WHERE id = \(bind: place.applicationId)
                    """)
            }
        }
        try await writes.run(on: db, dialect: self.db.dialect)
        let byId = Dictionary(uniqueKeysWithValues: applications.map { ($0.id, $0) })
        for ranking in rankings {
            for id in ranking.selected { try await move(byId[id]!, .select, call: call, by: .cityOffice, principal: p, at: now, on: db) }
            for id in ranking.notSelected { try await move(byId[id]!, .notSelect, call: call, by: .cityOffice, principal: p, at: now, on: db) }
        }
    }

    /// The committee's decision on a tie at the quota line: which of the tied applications take the
    /// places left (exactly that many); the others are not selected.
    public func decideTie(_ year: Int, special code: String, selected: [Int64], by p: Principal) async throws -> RankingView {
        try requireCityOffice(p)
        guard let special = Special(rawValue: code) else { throw CoreError.invalid("special", "未知专项 / unknown special") }
        let now = clock.nowMillis()
        try await db.transaction { db in
            guard let call = try await loadCall(year: year, on: db, lock: true) else { throw CoreError.notFound("call \(year)") }
            let view = try await ranking(call, special, on: db)
            guard let left = view.placesLeftForTie else { throw CoreError.conflict("该专项没有待定的并列 / no tie waits in this special") }
            let tied = view.rows.filter { $0.application.tied && $0.application.state == .inReview }.map(\.application)
            let chosen = Set(selected)
            guard chosen.isSubset(of: Set(tied.map(\.id))), chosen.count == left else {
                throw CoreError.invalid("selected", "须从并列的申报中选定 \(left) 份 / choose exactly \(left) of the tied applications")
            }
            for a in tied {
                try await move(a, chosen.contains(a.id) ? .select : .notSelect, call: call, by: .cityOffice, principal: p, at: now, on: db)
            }
        }
        return try await ranking(year, special: code, by: p)
    }

    /// No application of the call may still wait for a decision when its notice starts.
    func requireDecided(_ call: ProgrammeCall, on db: any SQLDatabase) async throws {
        let open = try await db.raw("SELECT count(*) AS n FROM programme_applications WHERE call_id = \(bind: call.id) AND state = 'in_review'")
            .first()!.decode(column: "n", as: Int.self)
        if open > 0 { throw CoreError.conflict("尚有 \(open) 份并列申报待评审委员会决定 / \(open) tied applications await the committee") }
    }

    public func ranking(_ year: Int, special code: String, by p: Principal) async throws -> RankingView {
        try requireCityOffice(p)
        guard let special = Special(rawValue: code) else { throw CoreError.invalid("special", "未知专项 / unknown special") }
        return try await db.read { db in
            guard let call = try await loadCall(year: year, on: db) else { throw CoreError.notFound("call \(year)") }
            return try await ranking(call, special, on: db)
        }
    }

    func ranking(_ call: ProgrammeCall, _ special: Special, on db: any SQLDatabase) async throws -> RankingView {
        let applications = try await db.raw("""
            SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom)
            WHERE a.call_id = \(bind: call.id) AND a.special = \(bind: special.rawValue) AND a.place IS NOT NULL ORDER BY a.place, a.id
            """).all().map(applicationRecord)
        let scores = try await db.raw("""
            SELECT \(unsafeRaw: Self.scoreColumns) FROM programme_scores s JOIN users u ON u.id = s.reviewer_id
            JOIN programme_applications a ON a.id = s.application_id WHERE a.call_id = \(bind: call.id) AND a.special = \(bind: special.rawValue)
            ORDER BY u.username
            """).all().map(scoreRecord)
        let byApplication = Dictionary(grouping: scores, by: \.applicationId)
        let quota = call.rules.specials[special]?.quota ?? 0
        let selected = applications.filter { $0.state == .selected }.count
        let waiting = applications.contains { $0.tied && $0.state == .inReview }
        return RankingView(special: special, quota: quota, rows: applications.map { .init(application: $0, scores: byApplication[$0.id] ?? []) },
                           placesLeftForTie: waiting ? quota - selected : nil)
    }
}
