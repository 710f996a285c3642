import Foundation
import Organisations
import PolicyLanguage
import SQLKit
import Storage
import WorkCalendar

/// Runs the published policies over the registry (免申即享): one payout per (policy, talent,
/// period), proposed with the reason, stopping at a policy's budget cap in a stated order.
public struct PolicyEngine: Sendable {
    let db: Database
    let policies: Policies
    let clock: Clockwork

    public init(db: Database, policies: Policies, clock: Clockwork) {
        self.db = db
        self.policies = policies
        self.clock = clock
    }

    /// Talents read per round trip.
    static let chunk = 20_000

    // MARK: What runs

    struct Active {
        let record: PolicyRecord
        let version: PolicyVersion
        let policy: Policy
        let compiled: CompiledPolicy
        /// The payout period key on the evaluation day: "once", "2026-11" or "2026".
        let period: String
    }

    static func periodKey(_ period: Period, on day: LocalDate) -> String {
        switch period {
        case .once: return "once"
        case .monthly: return String(day.description.prefix(7))
        case .yearly: return String(day.year)
        }
    }

    /// The published versions in force on `day`, compiled against one text table; or, for a dry
    /// run of a draft, that policy's latest version alone.
    func active(on day: LocalDate, only code: String? = nil, latest: Bool = false,
                on db: any SQLDatabase) async throws -> ([Active], TextTable) {
        var texts = TextTable()
        var out: [Active] = []
        var records: [PolicyRecord] = []
        if let code {
            guard let p = try await policies.load(code, on: db) else { throw CoreError.notFound("policy \(code)") }
            records = [p]
        } else {
            records = try await policies.loadAll(on: db, where: "published_version IS NOT NULL")
        }
        for record in records {
            guard let version = latest ? record.latest : record.published else { continue }
            if !latest {
                guard version.effectiveFrom <= day, version.effectiveUntil.map({ day <= $0 }) ?? true else { continue }
            }
            let policy: Policy
            switch Policies.check(version.source) {
            case .success(let p): policy = p
            case .failure(let e): throw CoreError.validation([FieldError(field: "source", message: "\(e.chinese) / \(e.english)")])
            }
            let compiled = try Compiler.compile(policy, texts: &texts)
            out.append(Active(record: record, version: version, policy: policy, compiled: compiled, period: Self.periodKey(policy.period, on: day)))
        }
        return (out, texts)
    }

    // MARK: Reading the registry

    struct Loaded {
        let id: Int64
        let district: String
        let tier: String?
        let arrival: LocalDate?
        let record: TalentRecord
    }

    static let talentColumns = """
        t.id, t.tier, t.tier_valid_until, t.categories, t.honors, t.education, t.title, t.field, t.district_code,
        t.arrival_date, t.birth_date,
        (SELECT max(c.valid_from) FROM certifications c WHERE c.talent_id = t.id) AS certified_on
        """

    func loaded(_ row: any SQLRow, today: LocalDate) throws -> Loaded {
        Self.loaded(id: try row.decode(column: "id", as: Int64.self), tier: try row.decode(column: "tier", as: String?.self),
                    until: try row.decode(column: "tier_valid_until", as: String?.self),
                    categories: try row.decode(column: "categories", as: String.self), honors: try row.decode(column: "honors", as: String.self),
                    education: try row.decode(column: "education", as: String.self), title: try row.decode(column: "title", as: String.self),
                    field: try row.decode(column: "field", as: String.self), district: try row.decode(column: "district_code", as: String.self),
                    arrival: try row.decode(column: "arrival_date", as: String?.self), birth: try row.decode(column: "birth_date", as: String?.self),
                    certified: try row.decode(column: "certified_on", as: String?.self), today: today)
    }

    // MARK: Earlier payouts

    struct Earlier {
        /// Non-declined payouts of the policy per talent: count and yuan (the rule's `payouts`, `paid_total`).
        var byTalent: [Int64: (count: Int, total: Int)] = [:]
        /// Talents that already have a payout (in any state) for the current period.
        var thisPeriod: Set<Int64> = []
        /// Yuan committed to the policy so far (not declined), against its budget cap.
        var committed: Int64 = 0
    }

    /// The earlier payouts of a policy: of every talent (a run), or of one (`talent`); the yuan
    /// committed against the cap only when `committed` is asked for.
    func earlier(_ a: Active, talent: Int64? = nil, committed: Bool = true, on db: any SQLDatabase) async throws -> Earlier {
        var e = Earlier()
        let scope: SQLQueryString = talent.map { "AND talent_id = \(bind: $0)" } ?? ""
        let rows = try await db.raw("SELECT talent_id, period, amount, state FROM payouts WHERE policy_id = \(bind: a.record.id) " + scope).all()
        for row in rows {
            let t = try row.decode(column: "talent_id", as: Int64.self)
            let amount = try row.decode(column: "amount", as: Int64.self)
            if try row.decode(column: "period", as: String.self) == a.period { e.thisPeriod.insert(t) }
            if try row.decode(column: "state", as: String.self) != PayoutState.declined.rawValue {
                e.byTalent[t, default: (0, 0)].count += 1
                e.byTalent[t, default: (0, 0)].total += Int(amount)
                if talent == nil { e.committed += amount }
            }
        }
        if talent != nil && committed {
            e.committed = try await db.raw("""
                SELECT CAST(COALESCE(sum(amount), 0) AS BIGINT) AS s FROM payouts WHERE policy_id = \(bind: a.record.id) AND state <> 'declined'
                """).first()!.decode(column: "s", as: Int64.self)
        }
        return e
    }

    // MARK: Runs

    public struct Candidate: Sendable {
        let talentId: Int64
        let amount: Int64
        let tier: String?
        let arrival: LocalDate?
        let district: String
        let record: TalentRecord
    }

    public struct Split: Sendable, Codable, Equatable {
        public var talents = 0
        public var amount: Int64 = 0
    }

    public struct SampleEntry: Sendable, Codable, Equatable {
        public let talentId: Int64
        public let tier: String?
        public let district: String
        public let amount: Int64
        public let reason: String
    }

    public struct PolicyFigures: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let version: Int
        public let period: String
        /// Talents the rule entitles on the day (a `once` policy already paid counts under `alreadyHad`).
        public var eligible = 0
        /// Payouts written (a dry run: that would be written).
        public var proposed = 0
        public var amount: Int64 = 0
        /// Eligible but holding a payout for this period already (or paid once before).
        public var alreadyHad = 0
        public var notEligible = 0
        public var failed = 0
        /// The cap stopped the run: these eligible talents were not proposed, in the stated order.
        public var stoppedAtBudget = false
        public var leftForBudget = 0
        public var byDistrict: [String: Split] = [:]
        public var byTier: [String: Split] = [:]
        public var sample: [SampleEntry] = []
    }

    public struct RunReport: Sendable, Codable, Equatable {
        public var runId: Int64?
        public let dryRun: Bool
        public let evaluationDate: String
        public var talents = 0
        public var policies: [PolicyFigures] = []
        /// How a budget cap is applied, stated with every report.
        public let budgetOrder = "按层次（A 至 E）、再按来渝日期先后、再按人才编号 / by tier (A to E), then arrival date, then talent id"
    }

    /// Evaluates every published policy in force over every talent. `dryRun` writes nothing;
    /// `only` with `latest` dry-runs one policy's latest (even unpublished) version.
    public func run(dryRun: Bool, only: String? = nil, latest: Bool = false, by principal: Principal?,
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> RunReport {
        if let principal, !principal.has(.admin) {
            throw CoreError.forbidden("只有管理员可以运行政策 / only an admin runs policies")
        }
        let day = clock.today
        let evaluation = EvaluationDay(day)
        let (actives, compiledTexts) = try await db.read { db in try await active(on: day, only: only, latest: latest, on: db) }
        var texts = compiledTexts
        var report = RunReport(dryRun: dryRun, evaluationDate: day.description)
        var earlier: [Earlier] = []
        for a in actives { earlier.append(try await db.read { db in try await self.earlier(a, on: db) }) }
        var figures = actives.map { PolicyFigures(code: $0.record.code, name: $0.record.name, version: $0.version.version, period: $0.period) }
        var candidates = Array(repeating: [Candidate](), count: actives.count)
        let total = try await db.read { db in
            try await db.raw("SELECT count(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self)
        }
        var seen = 0
        try await forEachBatch(today: day) { batch in
            var subjects = batch.map { Subject($0.record, texts: &texts) }
            subjects.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices {
                    let talent = batch[i]
                    for (p, a) in actives.enumerated() {
                        let prior = earlier[p].byTalent[talent.id]
                        buffer[i].payouts = prior?.count ?? 0
                        buffer[i].paidTotal = prior?.total ?? 0
                        switch a.compiled.decide(at: UnsafePointer(buffer.baseAddress! + i), on: evaluation) {
                        case .eligible(let amount):
                            figures[p].eligible += 1
                            if earlier[p].thisPeriod.contains(talent.id) {
                                figures[p].alreadyHad += 1
                            } else {
                                candidates[p].append(Candidate(talentId: talent.id, amount: Int64(amount), tier: talent.tier,
                                                               arrival: talent.arrival, district: talent.district, record: talent.record))
                            }
                        case .alreadyPaid:
                            figures[p].alreadyHad += 1
                        case .notEligible:
                            figures[p].notEligible += 1
                        case .failed:
                            figures[p].failed += 1
                        }
                    }
                }
            }
            seen += batch.count
            progress(seen, max(total, seen))
        }
        report.talents = seen

        if !dryRun {
            let started = clock.nowMillis()
            let seen = seen
            let runId = try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO policy_runs (started_at, started_by, evaluation_date, talents) VALUES
                    (\(bind: started), \(bind: principal?.userId), \(bind: day.description), \(bind: seen)) RETURNING id
                    """).first()!.decode(column: "id", as: Int64.self)
            }
            report.runId = runId
        }
        for (p, a) in actives.enumerated() {
            let ordered = Self.ordered(candidates[p])
            if dryRun {
                let (taken, left) = Self.withinBudget(ordered, cap: a.version.budgetCap, committed: earlier[p].committed)
                tally(&figures[p], taken, left: left, policy: a.policy, day: evaluation)
            } else {
                try await write(a, ordered, runId: report.runId!, figures: &figures[p], day: evaluation)
            }
        }
        report.policies = figures
        if let runId = report.runId {
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            let figures = figures
            try await db.transaction { db in
                try await db.raw("""
                    UPDATE policy_runs SET finished_at = \(bind: clock.nowMillis()), proposed = \(bind: figures.map(\.proposed).reduce(0, +)),
                        amount = \(bind: figures.map(\.amount).reduce(0, +)), report = \(bind: json) WHERE id = \(bind: runId)
                    """).run()
            }
        }
        return report
    }

    /// The stated order a budget is spent in: tier A first (no tier last), earlier arrival first, then id.
    static func ordered(_ c: [Candidate]) -> [Candidate] {
        c.sorted { l, r in
            let lt = l.tier ?? "Z", rt = r.tier ?? "Z"
            if lt != rt { return lt < rt }
            let la = l.arrival?.dayNumber ?? Int.max, ra = r.arrival?.dayNumber ?? Int.max
            if la != ra { return la < ra }
            return l.talentId < r.talentId
        }
    }

    /// The longest prefix that fits the cap; the rest waits for more budget.
    static func withinBudget(_ ordered: [Candidate], cap: Int64?, committed: Int64) -> (ArraySlice<Candidate>, Int) {
        guard let cap else { return (ordered[...], 0) }
        var spent = committed
        for (i, c) in ordered.enumerated() {
            if spent + c.amount > cap { return (ordered[..<i], ordered.count - i) }
            spent += c.amount
        }
        return (ordered[...], 0)
    }

    func tally(_ f: inout PolicyFigures, _ taken: ArraySlice<Candidate>, left: Int, policy: Policy, day: EvaluationDay) {
        f.proposed = taken.count
        f.leftForBudget = left
        f.stoppedAtBudget = left > 0
        for c in taken {
            f.amount += c.amount
            f.byDistrict[c.district, default: Split()].talents += 1
            f.byDistrict[c.district, default: Split()].amount += c.amount
            f.byTier[c.tier ?? "-", default: Split()].talents += 1
            f.byTier[c.tier ?? "-", default: Split()].amount += c.amount
        }
        f.sample = taken.prefix(10).map { c in
            SampleEntry(talentId: c.talentId, tier: c.tier, district: c.district, amount: c.amount, reason: Self.reason(policy, c.record, day))
        }
    }

    /// The conditions that held, in words, Chinese then English.
    static func reason(_ policy: Policy, _ record: TalentRecord, _ day: EvaluationDay) -> String {
        let e = policy.explain(record, on: day)
        let met = e.met.isEmpty ? [e.summary] : e.met
        return met.map(\.chinese).joined(separator: "；") + " / " + met.map(\.english).joined(separator: "; ")
    }

    /// Writes one policy's payouts in one transaction holding the policy's row, so a concurrent
    /// run (or a single talent's re-evaluation) sees them and the cap holds across processes.
    func write(_ a: Active, _ ordered: [Candidate], runId: Int64, figures f: inout PolicyFigures, day: EvaluationDay) async throws {
        let now = clock.nowMillis()
        let (taken, left): ([Candidate], Int) = try await db.transaction { db in
            _ = try await db.raw("""
                SELECT id FROM policies WHERE id = \(bind: a.record.id)\(unsafeRaw: self.db.dialect == .postgres ? " FOR UPDATE" : "")
                """).first()
            let fresh = try await earlier(a, on: db)
            let open = ordered.filter { !fresh.thisPeriod.contains($0.talentId) }
            let (fits, left) = Self.withinBudget(open, cap: a.version.budgetCap, committed: fresh.committed)
            var written: [Candidate] = []
            let batch = Array(fits)
            for start in stride(from: 0, to: batch.count, by: 1000) {
                let slice = batch[start..<min(start + 1000, batch.count)]
                let rows: [[any SQLExpression]] = slice.map { c in
                    [SQLBind(a.record.id), SQLBind(a.version.version), SQLBind(c.talentId), SQLBind(a.period), SQLBind(c.amount),
                     SQLBind(Self.reason(a.policy, c.record, day)), SQLBind(PayoutState.proposed.rawValue), SQLBind(runId),
                     SQLBind(now), SQLBind(now)]
                }
                let inserted = try await db.insert(into: "payouts")
                    .columns("policy_id", "policy_version", "talent_id", "period", "amount", "reason", "state", "run_id", "created_at", "updated_at")
                    .rows(rows)
                    .ignoringConflicts(with: ["policy_id", "talent_id", "period"])
                    .returning("talent_id")
                    .all()
                let ids = Set(try inserted.map { try $0.decode(column: "talent_id", as: Int64.self) })
                written += slice.filter { ids.contains($0.talentId) }
            }
            return (written, left)
        }
        tally(&f, taken[...], left: left, policy: a.policy, day: day)
    }
}
