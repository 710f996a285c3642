import Foundation
import Organisations
import PolicyLanguage
import SQLKit
import Storage
import WorkCalendar

/// One talent at a time: a change to a talent re-evaluates that talent, and the talent sees what
/// they meet and what they miss.
extension PolicyEngine {
    // MARK: One talent

    /// Re-evaluates one talent against the published policies (after a change to the talent, in
    /// the change's transaction); returns the payouts proposed.
    @discardableResult
    func evaluateTalent(_ id: Int64, on db: any SQLDatabase) async throws -> Int {
        let day = clock.today
        let (actives, _) = try await active(on: day, on: db)
        guard !actives.isEmpty, let row = try await db.raw("""
            SELECT \(unsafeRaw: Self.talentColumns) FROM talents t WHERE t.id = \(bind: id)
            """).first() else { return 0 }
        let talent = try loaded(row, today: day)
        let evaluation = EvaluationDay(day)
        let now = clock.nowMillis()
        var proposed = 0
        for a in actives {
            _ = try await db.raw("""
                SELECT id FROM policies WHERE id = \(bind: a.record.id)\(unsafeRaw: self.db.dialect == .postgres ? " FOR UPDATE" : "")
                """).first()
            let e = try await earlier(a, talent: id, on: db)
            if e.thisPeriod.contains(id) { continue }
            var record = talent.record
            record.payouts = e.byTalent[id]?.count ?? 0
            record.paidTotal = e.byTalent[id]?.total ?? 0
            guard case .eligible(let amount) = a.policy.decide(record, on: evaluation) else { continue }
            if let cap = a.version.budgetCap, e.committed + Int64(amount) > cap { continue }
            let inserted = try await db.raw("""
                INSERT INTO payouts (policy_id, policy_version, talent_id, period, amount, reason, state, run_id, created_at, updated_at)
                VALUES (\(bind: a.record.id), \(bind: a.version.version), \(bind: id), \(bind: a.period), \(bind: Int64(amount)),
                        \(bind: Self.reason(a.policy, record, evaluation)), 'proposed', NULL, \(bind: now), \(bind: now))
                ON CONFLICT (policy_id, talent_id, period) DO NOTHING RETURNING id
                """).first()
            if inserted != nil { proposed += 1 }
        }
        return proposed
    }

    // MARK: The talent's view

    public struct Met: Sendable {
        public let code: String
        public let name: String
        public let amount: Int64
        public let period: String
        public let periodLabel: String
        public let payoutState: String?
        public let payoutId: Int64?
        public let reason: String
    }

    public struct Missed: Sendable {
        public let code: String
        public let name: String
        public let missing: String
        public let missingEn: String
    }

    /// The policies in force that the talent meets (with the payout's state) and those they do
    /// not (with the first condition missed, in plain words).
    public func forTalent(_ principal: Principal) async throws -> (eligible: [Met], notEligible: [Missed]) {
        guard let id = principal.talentId else { throw CoreError.notFound("talent record of user \(principal.userId)") }
        let day = clock.today
        let evaluation = EvaluationDay(day)
        return try await db.read { db in
            let (actives, _) = try await active(on: day, on: db)
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.talentColumns) FROM talents t WHERE t.id = \(bind: id)").first() else {
                throw CoreError.notFound("talent \(id)")
            }
            let talent = try loaded(row, today: day)
            var met: [Met] = [], missed: [Missed] = []
            for a in actives {
                let e = try await earlier(a, talent: id, committed: false, on: db)
                var record = talent.record
                record.payouts = e.byTalent[id]?.count ?? 0
                record.paidTotal = e.byTalent[id]?.total ?? 0
                let explanation = a.policy.explain(record, on: evaluation)
                let payout = try await db.raw("""
                    SELECT id, amount, state, reason FROM payouts WHERE policy_id = \(bind: a.record.id) AND talent_id = \(bind: id)
                    ORDER BY CASE WHEN period = \(bind: a.period) THEN 0 ELSE 1 END, id DESC LIMIT 1
                    """).first()
                switch explanation.decision {
                case .eligible(let amount):
                    met.append(Met(code: a.record.code, name: a.record.name, amount: Int64(amount), period: a.policy.period.rawValue,
                                   periodLabel: a.policy.period.label.chinese,
                                   payoutState: e.thisPeriod.contains(id) ? try payout?.decode(column: "state", as: String.self) : nil,
                                   payoutId: e.thisPeriod.contains(id) ? try payout?.decode(column: "id", as: Int64.self) : nil,
                                   reason: Self.reason(a.policy, record, evaluation)))
                case .alreadyPaid:
                    met.append(Met(code: a.record.code, name: a.record.name,
                                   amount: try payout?.decode(column: "amount", as: Int64.self) ?? 0, period: a.policy.period.rawValue,
                                   periodLabel: a.policy.period.label.chinese,
                                   payoutState: try payout?.decode(column: "state", as: String.self),
                                   payoutId: try payout?.decode(column: "id", as: Int64.self),
                                   reason: try payout?.decode(column: "reason", as: String.self) ?? explanation.summary.chinese))
                case .notEligible, .failed:
                    let unmet = explanation.unmet ?? explanation.summary
                    missed.append(Missed(code: a.record.code, name: a.record.name, missing: unmet.chinese, missingEn: unmet.english))
                }
            }
            return (met, missed)
        }
    }
}
