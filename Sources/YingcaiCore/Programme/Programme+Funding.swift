import Foundation
import Organisations
import ProgrammeRules
import SQLKit
import Storage

/// 包干制: a selected application's project — its budget in tranches (paid through the payouts of the
/// programme's own policy: the holder confirms, the talent office approves and pays with a payment
/// reference), the spending categories its holder chose, its reports and its reviews.
public struct ProgrammeProject: Sendable {
    public struct Tranche: Sendable, Equatable {
        public let stage: LumpSumFunding.Stage
        public let percent: Int
        public let yuan: Int64
        public let payoutId: Int64?
        public let payoutState: PayoutState?
    }

    public struct Report: Sendable, Equatable {
        public let kind: String
        public let year: Int
        public let text: String
        public let spending: [String: Int64]
        public let submittedAt: Int64
    }

    public let application: ProgrammeApplication
    public let budgetYuan: Int64
    /// Planned spending by category (设备费, 劳务费, …), as the holder chose it.
    public let categories: [String: Int64]
    public let tranches: [Tranche]
    public let reports: [Report]
    public let midtermAcceptedAt: Int64?
    public let completionReviewedAt: Int64?
    public let completionResult: String?

    public var paidYuan: Int64 { tranches.filter { $0.payoutState == .paid }.map(\.yuan).reduce(0, +) }
}

extension Programme {
    /// The programme's policy of a year: the payouts of its projects' tranches belong to it. A draft,
    /// never run by the payout engine.
    static func fundingPolicyCode(_ year: Int) -> String { "YCJH-\(year)" }

    func fundingPolicy(_ year: Int, at now: Int64, on db: any SQLDatabase) async throws -> Int64 {
        let code = Self.fundingPolicyCode(year)
        if let row = try await db.raw("SELECT id FROM policies WHERE code = \(bind: code)").first() { return try row.decode(column: "id", as: Int64.self) }
        let name = "重庆英才计划包干经费（\(year)）"
        let id = try await db.raw("""
            INSERT INTO policies (code, name, department, latest_version, published_version, created_at, updated_at)
            VALUES (\(bind: code), \(bind: name), \(bind: Self.cityOffice), 1, NULL, \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        let source = """
            policy "\(name)"
            # 英才计划入选项目的包干经费，按立项、中期、结题分期拨付；由发文生成，不参与免申即享运行
            eligible: "重庆英才计划" in categories
            amount: 0
            period: once
            """
        try await db.raw("""
            INSERT INTO policy_versions (policy_id, version, source, period, effective_from, state, created_at)
            VALUES (\(bind: id), 1, \(bind: source), 'once', \(bind: "\(year)-01-01"), 'draft', \(bind: now))
            """).run()
        return id
    }

    /// 发文: the final list. Each selected talent (and each member of a selected team) gains the special
    /// as a category and the honour `重庆英才计划·<special>·<year>` (which re-evaluates their policies),
    /// and each selected application becomes a project whose first tranche is proposed to its holder.
    func finalise(_ call: ProgrammeCall, by p: Principal, at now: Int64, on db: any SQLDatabase) async throws {
        let selected = try await db.raw("""
            SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom) WHERE a.call_id = \(bind: call.id) AND a.state = 'selected'
            """).all().map(applicationRecord)
        let policy = try await fundingPolicy(call.year, at: now, on: db)
        // The talent office records honours as an admin would (the change is audited under its user).
        let office = Principal(userId: p.userId, username: p.username, roles: [.admin], org: OrgCode(Self.cityOffice)!, talentId: nil)
        for a in selected {
            let honour = "重庆英才计划·\(a.special.chinese)·\(call.year)"
            for talentId in [a.applicantTalentId] + a.teamMemberIds {
                let t = try await talents.talent(talentId, by: office)
                _ = try await talents.update(talentId, TalentInput(categories: Array(Set(t.categories + [a.special.chinese, "重庆英才计划"])).sorted(),
                                                                   honors: t.honors.contains(honour) ? t.honors : t.honors + [honour]), by: office)
            }
            let budget = call.rules.specials[a.special]?.lumpSumYuan ?? 0
            try await db.raw("""
                INSERT INTO programme_projects (application_id, holder_talent_id, budget_yuan, categories, created_at)
                VALUES (\(bind: a.id), \(bind: a.applicantTalentId), \(bind: budget), '{}', \(bind: now))
                """).run()
            let tranches: [LumpSumFunding.Tranche]
            switch LumpSumFunding.tranches(budgetYuan: budget) {
            case .success(let t): tranches = t
            case .failure(let e): throw Self.failure(e)
            }
            for t in tranches {
                try await db.raw("""
                    INSERT INTO programme_tranches (application_id, stage, percent, yuan) VALUES (\(bind: a.id), \(bind: t.stage.rawValue), \(bind: t.percent), \(bind: t.yuan))
                    """).run()
            }
            try await proposeTranche(a, .onApproval, policy: policy, at: now, on: db)
        }
    }

    /// Proposes a tranche to the project's holder as a payout (they confirm it; the office approves and pays).
    func proposeTranche(_ a: ProgrammeApplication, _ stage: LumpSumFunding.Stage, policy: Int64, at now: Int64, on db: any SQLDatabase) async throws {
        guard let t = try await db.raw("""
            SELECT percent, yuan, payout_id FROM programme_tranches WHERE application_id = \(bind: a.id) AND stage = \(bind: stage.rawValue)
            """).first() else { return }
        guard try t.decode(column: "payout_id", as: Int64?.self) == nil else { return }
        let yuan = try t.decode(column: "yuan", as: Int64.self), percent = try t.decode(column: "percent", as: Int.self)
        let reason = "重庆英才计划·\(a.special.chinese)·\(a.year)「\(a.title)」包干经费\(stage.chinese)（\(percent)%）"
        let payout = try await db.raw("""
            INSERT INTO payouts (policy_id, policy_version, talent_id, period, amount, reason, state, created_at, updated_at)
            VALUES (\(bind: policy), 1, \(bind: a.applicantTalentId), \(bind: "project-\(a.id)-\(stage.rawValue)"), \(bind: yuan), \(bind: reason),
                    'proposed', \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        try await db.raw("""
            UPDATE programme_tranches SET payout_id = \(bind: payout) WHERE application_id = \(bind: a.id) AND stage = \(bind: stage.rawValue)
            """).run()
    }

    /// The projects a user may see: the holder's own, all for the talent offices and the city's leaders.
    /// Paged by application id when `limit` is given: `after` is the last id of the previous page.
    public func projects(year: Int? = nil, by p: Principal, limit: Int? = nil, after: Int64? = nil) async throws -> [ProgrammeProject] {
        let ids: [Int64] = try await db.read { db in
            var sql: SQLQueryString = "SELECT pr.application_id FROM programme_projects pr JOIN programme_applications a ON a.id = pr.application_id JOIN programme_calls c ON c.id = a.call_id WHERE 1 = 1"
            if let year { sql = sql + " AND c.year = \(bind: year)" }
            if let after { sql = sql + " AND pr.application_id > \(bind: after)" }
            if p.isCityTalentOffice || (p.hasAny(.leader, .admin) && p.org.rawValue.hasPrefix("500000")) {
            } else if let d = p.talentOfficeDistrict {
                sql = sql + " AND a.district_code = \(bind: d)"
            } else if let t = p.talentId, p.has(.talent) {
                sql = sql + " AND pr.holder_talent_id = \(bind: t)"
            } else {
                return []
            }
            sql = sql + " ORDER BY pr.application_id"
            if let limit { sql = sql + " LIMIT \(bind: limit)" }
            return try await db.raw(sql).all().map { try $0.decode(column: "application_id", as: Int64.self) }
        }
        var out: [ProgrammeProject] = []
        for id in ids { out.append(try await project(id, by: p)) }
        return out
    }

    public func project(_ id: Int64, by p: Principal) async throws -> ProgrammeProject {
        let a = try await application(id, by: p)
        return try await db.read { db in
            guard let row = try await db.raw("SELECT * FROM programme_projects WHERE application_id = \(bind: id)").first() else {
                throw CoreError.notFound("project \(id)")
            }
            let tranches = try await db.raw("""
                SELECT t.stage, t.percent, t.yuan, t.payout_id, p.state FROM programme_tranches t LEFT JOIN payouts p ON p.id = t.payout_id
                WHERE t.application_id = \(bind: id)
                """).all().map {
                ProgrammeProject.Tranche(stage: LumpSumFunding.Stage(rawValue: try $0.decode(column: "stage", as: String.self)) ?? .onApproval,
                                         percent: try $0.decode(column: "percent", as: Int.self), yuan: try $0.decode(column: "yuan", as: Int64.self),
                                         payoutId: try $0.decode(column: "payout_id", as: Int64?.self),
                                         payoutState: try $0.decode(column: "state", as: String?.self).flatMap(PayoutState.init(rawValue:)))
            }.sorted { LumpSumFunding.Stage.allCases.firstIndex(of: $0.stage)! < LumpSumFunding.Stage.allCases.firstIndex(of: $1.stage)! }
            let reports = try await db.raw("""
                SELECT kind, year, text, spending, submitted_at FROM programme_reports WHERE application_id = \(bind: id) ORDER BY submitted_at
                """).all().map {
                ProgrammeProject.Report(kind: try $0.decode(column: "kind", as: String.self), year: try $0.decode(column: "year", as: Int.self),
                                        text: try $0.decode(column: "text", as: String.self),
                                        spending: try Self.decode([String: Int64].self, try $0.decode(column: "spending", as: String.self)),
                                        submittedAt: try $0.decode(column: "submitted_at", as: Int64.self))
            }
            return ProgrammeProject(application: a, budgetYuan: try row.decode(column: "budget_yuan", as: Int64.self),
                                    categories: try Self.decode([String: Int64].self, try row.decode(column: "categories", as: String.self)),
                                    tranches: tranches, reports: reports,
                                    midtermAcceptedAt: try row.decode(column: "midterm_accepted_at", as: Int64?.self),
                                    completionReviewedAt: try row.decode(column: "completion_reviewed_at", as: Int64?.self),
                                    completionResult: try row.decode(column: "completion_result", as: String?.self))
        }
    }

    /// The holder's spending plan: categories of their choosing with planned yuan, within the budget.
    public func planSpending(_ id: Int64, _ categories: [String: Int64], by p: Principal) async throws -> ProgrammeProject {
        let project = try await project(id, by: p)
        guard p.has(.talent), p.talentId == project.application.applicantTalentId else { throw CoreError.forbidden("由项目负责人确定 / the holder decides") }
        var errors = FieldErrors()
        if categories.isEmpty || categories.count > 12 { errors.add("categories", "支出类别为 1–12 项 / 1 to 12 categories") }
        for (name, yuan) in categories where name.trimmed.isEmpty || name.count > 32 || yuan < 0 {
            errors.add("categories", "类别名 1–32 字，金额不为负 / a name of 1 to 32 characters and an amount from 0")
        }
        if categories.values.reduce(0, +) > project.budgetYuan { errors.add("categories", "计划支出超过经费总额 / the plan exceeds the budget") }
        try errors.throwIfAny()
        try await db.transaction { db in
            try await db.raw("UPDATE programme_projects SET categories = \(bind: Self.json(categories)) WHERE application_id = \(bind: id)").run()
        }
        return try await self.project(id, by: p)
    }

    /// A report of the holder: `yearly`, `midterm` or `completion`, with the spending by category.
    public func report(_ id: Int64, kind: String, text: String?, spending: [String: Int64], by p: Principal) async throws -> ProgrammeProject {
        let project = try await project(id, by: p)
        guard p.has(.talent), p.talentId == project.application.applicantTalentId else { throw CoreError.forbidden("由项目负责人报告 / the holder reports") }
        guard ["yearly", "midterm", "completion"].contains(kind) else { throw CoreError.invalid("kind", "报告类型为 yearly、midterm、completion / unknown kind") }
        let text = (text ?? "").trimmed
        guard !text.isEmpty, text.count <= 5000 else { throw CoreError.invalid("text", "报告为 1–5000 字 / a report of 1 to 5000 characters") }
        if spending.values.contains(where: { $0 < 0 }) { throw CoreError.invalid("spending", "支出不能为负 / spending is not negative") }
        let now = clock.nowMillis()
        do {
            try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO programme_reports (application_id, kind, year, text, spending, submitted_by, submitted_at)
                    VALUES (\(bind: id), \(bind: kind), \(bind: clock.today.year), \(bind: text), \(bind: Self.json(spending)), \(bind: p.userId), \(bind: now))
                    """).run()
            }
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("本年度该类报告已提交 / this report is in for the year")
        }
        return try await self.project(id, by: p)
    }

    /// The office accepts the mid-term report (the second tranche is proposed) or records the
    /// completion review (`passed`: the last tranche is proposed; `failed`: it is not).
    public func review(_ id: Int64, stage: String, result: String?, by p: Principal) async throws -> ProgrammeProject {
        try requireCityOffice(p)
        let now = clock.nowMillis()
        let project = try await project(id, by: p)
        try await db.transaction { db in
            let policy = try await fundingPolicy(project.application.year, at: now, on: db)
            switch stage {
            case "midterm":
                guard project.reports.contains(where: { $0.kind == "midterm" }) else { throw CoreError.conflict("尚未提交中期报告 / no mid-term report yet") }
                guard project.midtermAcceptedAt == nil else { throw CoreError.conflict("中期报告已验收 / already accepted") }
                try await db.raw("UPDATE programme_projects SET midterm_accepted_at = \(bind: now) WHERE application_id = \(bind: id)").run()
                try await proposeTranche(project.application, .afterMidTermReport, policy: policy, at: now, on: db)
            case "completion":
                guard project.reports.contains(where: { $0.kind == "completion" }) else { throw CoreError.conflict("尚未提交结题报告 / no completion report yet") }
                guard project.midtermAcceptedAt != nil else { throw CoreError.conflict("中期报告验收后才能结题 / the mid-term comes first") }
                guard project.completionReviewedAt == nil else { throw CoreError.conflict("已结题验收 / already reviewed") }
                guard let result, ["passed", "failed"].contains(result) else { throw CoreError.invalid("result", "结论为 passed 或 failed / passed or failed") }
                try await db.raw("""
                    UPDATE programme_projects SET completion_reviewed_at = \(bind: now), completion_result = \(bind: result) WHERE application_id = \(bind: id)
                    """).run()
                if result == "passed" { try await proposeTranche(project.application, .afterCompletionReview, policy: policy, at: now, on: db) }
            default:
                throw CoreError.invalid("stage", "阶段为 midterm 或 completion / midterm or completion")
            }
            try await audit.record(on: db, at: now, actor: p.userId, action: "programme.\(stage)", subject: "programme_application", id: id,
                                   detail: "result=\(result ?? "accepted")")
        }
        return try await self.project(id, by: p)
    }

    /// The programme's figures: applications and selections, budgets and what is paid, per special.
    public struct Figures: Sendable {
        public struct Line: Sendable {
            public let special: Special
            public let applications: Int
            public let selected: Int
            public let budgetYuan: Int64
            public let paidYuan: Int64
        }

        public let year: Int
        public let lines: [Line]
        public var applications: Int { lines.map(\.applications).reduce(0, +) }
        public var selected: Int { lines.map(\.selected).reduce(0, +) }
        public var budgetYuan: Int64 { lines.map(\.budgetYuan).reduce(0, +) }
        public var paidYuan: Int64 { lines.map(\.paidYuan).reduce(0, +) }
    }

    public func figures(_ year: Int) async throws -> Figures {
        try await db.read { db in
            guard let call = try await loadCall(year: year, on: db) else { throw CoreError.notFound("call \(year)") }
            let rows = try await db.raw("""
                SELECT a.special, count(*) AS n, CAST(sum(CASE WHEN a.state = 'selected' THEN 1 ELSE 0 END) AS BIGINT) AS chosen,
                    CAST(coalesce(sum(pr.budget_yuan), 0) AS BIGINT) AS budget
                FROM programme_applications a LEFT JOIN programme_projects pr ON pr.application_id = a.id
                WHERE a.call_id = \(bind: call.id) GROUP BY a.special
                """).all()
            // The paid tranches apart, as a plain join: the payouts are the talents' (on Citus
            // distributed by the talent), the tranches the programme's (on the coordinator).
            let paid = try await db.raw("""
                SELECT a.special, CAST(coalesce(sum(p.amount), 0) AS BIGINT) AS paid
                FROM programme_tranches t JOIN programme_applications a ON a.id = t.application_id JOIN payouts p ON p.id = t.payout_id
                WHERE a.call_id = \(bind: call.id) AND p.state = 'paid' GROUP BY a.special
                """).all().reduce(into: [String: Int64]()) {
                $0[try $1.decode(column: "special", as: String.self)] = try $1.decode(column: "paid", as: Int64.self)
            }
            var lines: [Special: Figures.Line] = [:]
            for row in rows {
                let special = try row.decode(column: "special", as: String.self)
                guard let s = Special(rawValue: special) else { continue }
                lines[s] = .init(special: s, applications: try row.decode(column: "n", as: Int.self), selected: try row.decode(column: "chosen", as: Int?.self) ?? 0,
                                 budgetYuan: try row.decode(column: "budget", as: Int64.self), paidYuan: paid[special] ?? 0)
            }
            return Figures(year: year, lines: Special.allCases.filter { call.rules.specials[$0] != nil }.map {
                lines[$0] ?? .init(special: $0, applications: 0, selected: 0, budgetYuan: 0, paidYuan: 0)
            })
        }
    }
}
