import Foundation
import ProgrammeRules
import SQLKit
import Storage
import WorkCalendar

extension Programme {
    static let applicationColumns = """
        a.id, a.call_id, c.year, a.applicant_talent_id, a.applicant_user_id, t.name AS applicant_name, a.district_code, a.rules, a.title,
        a.summary, a.field, a.employer, a.team_member_ids, a.exclusions, a.raw_score, a.score, a.place, a.tied, a.created_at,
        a.updated_at, a.last_seq
        """
    static let applicationFrom = " FROM programme_applications a JOIN programme_calls c ON c.id = a.call_id JOIN talents t ON t.id = a.applicant_talent_id"

    func applicationRecord(_ row: any SQLRow) throws -> ProgrammeApplication {
        ProgrammeApplication(
            id: try row.decode(column: "id", as: Int64.self), callId: try row.decode(column: "call_id", as: Int64.self),
            year: try row.decode(column: "year", as: Int.self), applicantTalentId: try row.decode(column: "applicant_talent_id", as: Int64.self),
            applicantUserId: try row.decode(column: "applicant_user_id", as: Int64?.self),
            applicantName: try row.decode(column: "applicant_name", as: String.self), districtCode: try row.decode(column: "district_code", as: String.self),
            rules: try Self.decode(Application.self, try row.decode(column: "rules", as: String.self)),
            title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
            field: try row.decode(column: "field", as: String.self), employer: try row.decode(column: "employer", as: String.self),
            teamMemberIds: try Self.decode([Int64].self, try row.decode(column: "team_member_ids", as: String.self)),
            exclusions: try Self.decode([ReviewerExclusion].self, try row.decode(column: "exclusions", as: String.self)),
            rawScore: try row.decode(column: "raw_score", as: Double?.self), score: try row.decode(column: "score", as: Double?.self),
            place: try row.decode(column: "place", as: Int?.self), tied: try row.decode(column: "tied", as: Int.self) == 1,
            createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            lastSeq: try row.decode(column: "last_seq", as: Int.self))
    }

    /// An application with its call's year and its applicant's name. Locked, the application's row
    /// is locked first by a statement of its own: on Citus the applicant's name comes from another
    /// node, and a row is locked only by a statement that reads one shard.
    func loadApplication(_ id: Int64, on db: any SQLDatabase, lock: Bool = false) async throws -> ProgrammeApplication? {
        if lock && self.db.dialect == .postgres {
            guard try await db.raw("SELECT id FROM programme_applications WHERE id = \(bind: id) FOR UPDATE").first() != nil else { return nil }
        }
        return try await db.raw("SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom) WHERE a.id = \(bind: id)")
            .first().map(applicationRecord)
    }

    /// In what capacities `p` acts on application `a`.
    func actor(_ p: Principal, for a: ProgrammeApplication) -> ApplicationActor {
        var capacities = Set<ApplicationCapacity>()
        if p.has(.talent), p.talentId == a.applicantTalentId { capacities.insert(.applicant) }
        if p.isTalentOffice(of: a.districtCode) { capacities.insert(.districtOffice) }
        if p.isCityTalentOffice { capacities.insert(.cityOffice) }
        return ApplicationActor(capacities)
    }

    /// Who sees an application: its applicant and team members, the talent offices of its district and
    /// of the city, the city's leaders and admins, and the reviewers assigned to it.
    func canSee(_ a: ProgrammeApplication, _ p: Principal, on db: any SQLDatabase) async throws -> Bool {
        if let t = p.talentId, p.has(.talent), t == a.applicantTalentId || a.teamMemberIds.contains(t) { return true }
        if p.isTalentOffice(of: a.districtCode) || p.isCityTalentOffice { return true }
        if p.hasAny(.leader, .admin), p.org.rawValue.hasPrefix("500000") { return true }
        if p.has(.reviewer) {
            return try await db.raw("""
                SELECT 1 AS x FROM programme_assignments WHERE application_id = \(bind: a.id) AND reviewer_id = \(bind: p.userId)
                """).first() != nil
        }
        return false
    }

    /// Whether the condition of `special` holds for talent `talentId` today, with the reason.
    public func eligibility(_ year: Int, special code: String, talent talentId: Int64) async throws -> ConditionCheck {
        let call = try await call(year, by: nil)
        guard let special = Special(rawValue: code), let settings = call.settings[special], call.rules.specials[special] != nil else {
            throw CoreError.invalid("special", "本年度未开设该专项 / the call does not run this special")
        }
        return try await db.read { db in
            try await policyEngine.check(ProgrammeDefaults.eligibilityPolicy(special, condition: settings.eligibility), talent: talentId, on: db)
        }
    }

    /// 申报: a talent applies to a special of an open call (a team names its members); the condition
    /// is checked with its reason, the materials are the applicant's own uploads.
    public func apply(_ year: Int, _ input: NewApplication, by p: Principal) async throws -> ProgrammeApplication {
        guard p.has(.talent), let talentId = p.talentId else {
            throw CoreError.forbidden("由人才本人申报 / a talent applies for themselves")
        }
        let call = try await call(year, by: p)
        let today = clock.today
        let now = clock.nowMillis()
        var errors = FieldErrors()
        let special = Special(rawValue: input.special ?? "")
        if special == nil { errors.add("special", "专项应为 \(Special.allCases.map(\.rawValue).joined(separator: "、")) / unknown special") }
        let title = (input.title ?? "").trimmed, summary = (input.summary ?? "").trimmed, field = (input.field ?? "").trimmed
        if title.isEmpty || title.count > 100 { errors.add("title", "申报题目为 1–100 字 / a title of 1 to 100 characters") }
        if summary.isEmpty || summary.count > 2000 { errors.add("summary", "申报摘要为 1–2000 字 / a summary of 1 to 2000 characters") }
        if FieldTaxonomy.standard.field(field) == nil { errors.add("field", "学科领域代码不存在 / unknown field code") }
        var named: [Int64] = []
        for (i, m) in (input.teamMemberIdentities ?? []).enumerated() {
            let name = (m.name ?? "").trimmed
            if let id = try await talents.identify(name: name, idNumber: m.idNumber ?? "") { named.append(id) } else {
                errors.add("teamMembers", "第 \(i + 1) 名成员「\(name)」未找到姓名与证件号相符的已登记人才 / member \(i + 1) is not a registered talent with that name and number")
            }
        }
        let members = Array(Set((input.teamMembers ?? []) + named)).sorted()
        if let special, special.isTeam {
            if members.isEmpty || members.count > 20 { errors.add("teamMembers", "团队成员为 1–20 名已登记人才 / a team of 1 to 20 registered talents") }
            if members.contains(talentId) { errors.add("teamMembers", "负责人不必列为成员 / the leader is not listed as a member") }
        } else if !members.isEmpty {
            errors.add("teamMembers", "只有团队专项列团队成员 / only the team special names members")
        }
        try errors.throwIfAny()
        guard let special, let settings = call.settings[special] else { throw CoreError.invalid("special", "本年度未开设该专项 / the call does not run this special") }
        switch ApplicationRules.checkSubmission(of: special, to: call.rules, on: today) {
        case .success: break
        case .failure(let e): throw Self.failure(e)
        }
        return try await db.transaction { db in
            let eligible = try await policyEngine.check(ProgrammeDefaults.eligibilityPolicy(special, condition: settings.eligibility), talent: talentId, on: db)
            guard eligible.holds else { throw CoreError.invalid("eligibility", "不符合申报条件：\(eligible.reason) / not eligible: \(eligible.reasonEn)") }
            let me = try await db.raw("SELECT employer, district_code FROM talents WHERE id = \(bind: talentId)").first()!
            if !members.isEmpty {
                let found = try await db.raw("SELECT count(*) AS n FROM talents WHERE id IN (\(binds: members))").first()!.decode(column: "n", as: Int.self)
                if found != members.count { throw CoreError.invalid("teamMembers", "团队成员须为已登记人才 / every member must be a registered talent") }
            }
            let exclusions = try await resolveExclusions(input.exclusions ?? [], on: db)
            var errors = FieldErrors()
            for m in settings.materials where m.required && input.materials?[m.code] == nil {
                errors.add("materials.\(m.code)", "缺少必需材料「\(m.name)」/ required material missing")
            }
            for code in (input.materials ?? [:]).keys where !settings.materials.contains(where: { $0.code == code }) {
                errors.add("materials.\(code)", "该专项没有此材料 / the special has no such material")
            }
            for (code, upload) in (input.materials ?? [:]).sorted(by: { $0.key < $1.key }) where settings.materials.contains(where: { $0.code == code }) {
                let row = try await db.raw("""
                    SELECT user_id, created_at, order_id, (SELECT count(*) FROM programme_materials m WHERE m.upload_id = u.id) AS used
                    FROM uploads u WHERE id = \(bind: upload)
                    """).first()
                let usable = try row.map {
                    try $0.decode(column: "user_id", as: Int64.self) == p.userId && $0.decode(column: "order_id", as: Int64?.self) == nil
                        && $0.decode(column: "used", as: Int.self) == 0 && $0.decode(column: "created_at", as: Int64.self) > now - 24 * 3_600_000
                } ?? false
                if !usable { errors.add("materials.\(code)", "上传文件不存在、已使用或已过期（24 小时）/ unknown, used or expired upload") }
            }
            try errors.throwIfAny()
            let rules = Application(special: special)
            let id = try await db.raw("""
                INSERT INTO programme_applications (call_id, special, applicant_talent_id, applicant_user_id, district_code, state, rules, title,
                    summary, field, employer, team_member_ids, exclusions, created_at, updated_at, last_seq)
                VALUES (\(bind: call.id), \(bind: special.rawValue), \(bind: talentId), \(bind: p.userId),
                        \(bind: try me.decode(column: "district_code", as: String.self)), \(bind: rules.state.rawValue), \(bind: Self.json(rules)),
                        \(bind: title), \(bind: summary), \(bind: field), \(bind: try me.decode(column: "employer", as: String.self)),
                        \(bind: Self.json(members)), \(bind: Self.json(exclusions)), \(bind: now), \(bind: now), 1)
                RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
            do {
                for (talent, role) in [(talentId, "lead")] + members.map({ ($0, "member") }) {
                    try await db.raw("""
                        INSERT INTO programme_participants (talent_id, call_id, application_id, role)
                        VALUES (\(bind: talent), \(bind: call.id), \(bind: id), \(bind: role))
                        """).run()
                }
            } catch where Database.isUniqueViolation(error) {
                throw CoreError.conflict("本人或团队成员已在本年度申报中 / you or a member already take part in an application of this call")
            }
            for (code, upload) in input.materials ?? [:] {
                try await db.raw("INSERT INTO programme_materials (application_id, code, upload_id) VALUES (\(bind: id), \(bind: code), \(bind: upload))").run()
            }
            try await event("application", id, seq: 1, action: "submit", from: nil, to: rules.state.rawValue, note: nil, by: p, at: now, on: db)
            return try await loadApplication(id, on: db)!
        }
    }

    /// The names of a team's members, for whoever may see the application.
    public func teamNames(of a: ProgrammeApplication) async throws -> [String] {
        guard !a.teamMemberIds.isEmpty else { return [] }
        return try await db.read { db in
            try await db.raw("SELECT name FROM talents WHERE id IN (\(binds: a.teamMemberIds)) ORDER BY id").all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    /// A material of an application, for whoever may see the application.
    public func material(_ id: Int64, code: String, by p: Principal) async throws -> (upload: UploadStore.Upload, bytes: Data) {
        let uploadId = try await db.read { db in
            guard let a = try await loadApplication(id, on: db), try await canSee(a, p, on: db) else { throw CoreError.notFound("application \(id)") }
            return try await db.raw("SELECT upload_id FROM programme_materials WHERE application_id = \(bind: a.id) AND code = \(bind: code)")
                .first()?.decode(column: "upload_id", as: String.self)
        }
        guard let uploadId else { throw CoreError.notFound("material \(code)") }
        return try await uploads.file(uploadId)
    }

    /// The reviewers an applicant asks to be kept away, by username, checked (at most 3, a reason each).
    func resolveExclusions(_ input: [NewApplication.ExclusionInput], on db: any SQLDatabase) async throws -> [ReviewerExclusion] {
        var out: [ReviewerExclusion] = []
        for e in input {
            // By username, or by name when exactly one reviewer of the pool has it.
            let who = (e.reviewer ?? "").trimmed
            let rows = try await db.raw("""
                SELECT u.id, u.username FROM users u JOIN programme_reviewers r ON r.user_id = u.id
                WHERE u.username = \(bind: who) OR u.display_name = \(bind: who) ORDER BY u.id
                """).all()
            let row = try rows.first { try $0.decode(column: "username", as: String.self) == who } ?? (rows.count == 1 ? rows[0] : nil)
            if rows.count > 1, row == nil { throw CoreError.invalid("exclusions", "专家库中有多名「\(who)」，请填写用户名 / several reviewers have that name; give the username") }
            guard let row else { throw CoreError.invalid("exclusions", "评审专家 \(who) 不在专家库中 / no such reviewer") }
            let reason = (e.reason ?? "").trimmed
            if reason.count > 200 { throw CoreError.invalid("exclusions", "回避理由至多 200 字 / a reason of at most 200 characters") }
            out.append(ReviewerExclusion(reviewerId: try row.decode(column: "id", as: Int64.self), reason: reason))
        }
        if case .failure(let e) = ConflictRules.validateExclusions(out) { throw Self.failure(e) }
        return out
    }

    /// The filters of a list of applications.
    public struct ApplicationQuery: Sendable {
        public var year: Int?
        public var special: String?
        public var state: String?
        public var district: String?
        public var limit: Int
        public var after: Int64?
        public init(year: Int? = nil, special: String? = nil, state: String? = nil, district: String? = nil, limit: Int = 50, after: Int64? = nil) {
            self.year = year; self.special = special; self.state = state; self.district = district; self.limit = limit; self.after = after
        }
    }

    /// The applications the user may see, by id.
    public func applications(_ q: ApplicationQuery, by p: Principal) async throws -> [ProgrammeApplication] {
        var errors = FieldErrors()
        if let s = q.special, Special(rawValue: s) == nil { errors.add("special", "未知专项 / unknown special") }
        if let s = q.state, ApplicationState(rawValue: s) == nil { errors.add("state", "未知状态 / unknown state") }
        if !(1...500).contains(q.limit) { errors.add("limit", "limit 为 1–500 / limit is 1 to 500") }
        try errors.throwIfAny()
        var conditions: [SQLQueryString] = []
        if p.isCityTalentOffice || (p.hasAny(.leader, .admin) && p.org.rawValue.hasPrefix("500000")) {
            // every application
        } else if let d = p.talentOfficeDistrict {
            conditions.append("a.district_code = \(bind: d)")
        } else if p.has(.reviewer) {
            conditions.append("a.id IN (SELECT application_id FROM programme_assignments WHERE reviewer_id = \(bind: p.userId))")
        } else if let t = p.talentId, p.has(.talent) {
            conditions.append("a.id IN (SELECT application_id FROM programme_participants WHERE talent_id = \(bind: t))")
        } else {
            return []
        }
        if let y = q.year { conditions.append("c.year = \(bind: y)") }
        if let s = q.special { conditions.append("a.special = \(bind: s)") }
        if let s = q.state { conditions.append("a.state = \(bind: s)") }
        if let d = q.district { conditions.append("a.district_code = \(bind: d)") }
        if let after = q.after { conditions.append("a.id > \(bind: after)") }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.applicationColumns)\(unsafeRaw: Self.applicationFrom)"
        if !conditions.isEmpty { sql = sql + " WHERE " + conditions.joined(separator: " AND ") }
        sql.appendInterpolation(unsafeRaw: " ORDER BY a.id LIMIT \(q.limit)")
        let query = sql
        return try await db.read { db in try await db.raw(query).all().map(applicationRecord) }
    }

    public func application(_ id: Int64, by p: Principal) async throws -> ProgrammeApplication {
        try await db.read { db in
            guard let a = try await loadApplication(id, on: db), try await canSee(a, p, on: db) else { throw CoreError.notFound("application \(id)") }
            return a
        }
    }

    /// The moves open to `p` on application `a` now (for the pages).
    public func availableActions(_ a: ProgrammeApplication, by p: Principal) async throws -> [String] {
        let call = try await db.read { db in try await loadCall(year: a.year, on: db) }!
        let actor = actor(p, for: a)
        return ApplicationAction.allNames.filter { name in
            guard let action = try? Self.action(name, reason: "理由") else { return false }
            if case .success = ApplicationRules.apply(action, to: a.rules, by: actor, on: clock.today, call: call.rules) { return true }
            return false
        }
    }

    static func action(_ name: String, reason: String?) throws -> ApplicationAction {
        func given() throws -> String {
            guard let r = reason?.trimmed, !r.isEmpty else { throw CoreError.invalid("reason", "须填写原因 / a reason is required") }
            return r
        }
        switch name {
        case "recommend": return .recommend
        case "decline": return .decline(reason: try given())
        case "pass-formal-check": return .passFormalCheck
        case "return": return .returnForCorrection(reason: try given())
        case "fail-formal-check": return .failFormalCheck(reason: try given())
        case "resubmit": return .resubmit
        case "withdraw": return .withdraw(reason: try given())
        case "select": return .select
        case "not-select": return .notSelect
        default: throw CoreError.notFound("application action \(name)")
        }
    }

    /// Moves an application on: recommend, decline, pass-formal-check, return, fail-formal-check,
    /// resubmit, withdraw (and select / not-select once ranked). A withdrawn application frees its
    /// people to apply again this year.
    public func act(onApplication id: Int64, _ name: String, reason: String?, by p: Principal) async throws -> ProgrammeApplication {
        let action = try Self.action(name, reason: reason)
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let a = try await loadApplication(id, on: db, lock: true), try await canSee(a, p, on: db) else {
                throw CoreError.notFound("application \(id)")
            }
            let call = try await loadCall(year: a.year, on: db)!
            try await move(a, action, call: call, by: actor(p, for: a), principal: p, at: now, on: db)
            return try await loadApplication(id, on: db)!
        }
    }

    /// One move through the rules, written with its event.
    func move(_ a: ProgrammeApplication, _ action: ApplicationAction, call: ProgrammeCall, by actor: ApplicationActor, principal p: Principal?,
              at now: Int64, on db: any SQLDatabase) async throws {
        let t: ApplicationTransition
        switch ApplicationRules.apply(action, to: a.rules, by: actor, on: LocalDate(shanghaiMillis: now), call: call.rules) {
        case .success(let transition): t = transition
        case .failure(let e): throw Self.failure(e)
        }
        try await db.raw("""
            UPDATE programme_applications SET state = \(bind: t.to.rawValue), rules = \(bind: Self.json(t.after)), updated_at = \(bind: now),
                last_seq = \(bind: a.lastSeq + 1) WHERE id = \(bind: a.id)
            """).run()
        if t.to == .withdrawn {
            try await db.raw("DELETE FROM programme_participants WHERE application_id = \(bind: a.id)").run()
        }
        try await event("application", a.id, seq: a.lastSeq + 1, action: t.action, from: t.from.rawValue, to: t.to.rawValue,
                        note: t.reason, by: p, at: now, on: db)
    }

    /// The materials of an application: code, upload id.
    public func materials(of id: Int64, by p: Principal) async throws -> [(code: String, uploadId: String)] {
        _ = try await application(id, by: p)
        return try await db.read { db in
            try await db.raw("SELECT code, upload_id FROM programme_materials WHERE application_id = \(bind: id) ORDER BY code").all().map {
                (try $0.decode(column: "code", as: String.self), try $0.decode(column: "upload_id", as: String.self))
            }
        }
    }
}
