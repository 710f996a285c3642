import Foundation
import Organisations
import ProgrammeRules
import SQLKit
import WorkCalendar

/// 重庆英才计划 in the demo, three calls around today: last year's is final, its projects funded
/// in tranches (talent1's among them, its mid-term report due); this year's is in review (the demo's
/// `reviewer` has applications to score, the city office a ranking that waits for them); next year's
/// is open (talent1 may apply, the Yubei talent office has applications to recommend, the city office
/// forms to check). Every step goes through the programme's use cases on the simulation's clock, set
/// to the day the step happened, so each application carries its whole history.
struct DemoProgramme {
    let sim: DemoSimulation
    let people: DemoPeople
    var core: Yingcai { sim.core }
    var today: LocalDate { LocalDate(shanghaiMillis: sim.present) }

    /// 10:00 Shanghai, `days` from today, `minutes` later.
    func at(_ days: Int, _ minutes: Int = 0) -> Int64 {
        today.adding(days: days).shanghaiStartMillis + 10 * 3_600_000 + Int64(minutes) * 60_000
    }

    func set(_ days: Int, _ minutes: Int = 0) { sim.clock.set(at(days, minutes)) }

    func load() async throws {
        set(-520)
        var cast = Self.applicants(today: today)
        for i in cast.indices { cast[i].principal = try await enrol(cast[i], sequence: i) }
        let reviewers = try await enrolExperts()
        let yubei = try await principal("yubei-talent")
        // Team members: registered talents who had come to Chongqing before the first call's time.
        let settled = today.adding(days: -600).description
        var members = try await core.db.read { db in
            try await db.raw("SELECT id FROM talents WHERE user_id IS NULL AND arrival_date < \(bind: settled) ORDER BY id LIMIT 60").all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
        func office(_ district: String) -> Principal {
            district == "500112" ? yubei
                : Principal(userId: 0, username: "承办人@\(district):TALENT", roles: [.handler], org: OrgCode("\(district):TALENT")!, talentId: nil)
        }
        func apply(_ year: Int, _ a: Applicant, variant: Int, day: Int) async throws -> ProgrammeApplication {
            set(day, variant)
            var team: [Int64]?
            if a.special.isTeam { team = Array(members.prefix(3)); members.removeFirst(3) }
            var materials: [String: String] = [:]
            for (code, name) in [("APPLICATION_FORM", "申报书")] + (a.special.isTeam ? [("TEAM_LIST", "团队成员名单")] : []) {
                materials[code] = try await core.uploads.store(DemoPeople.samplePDF, filename: "\(a.name)-\(name).pdf", by: a.principal!).id
            }
            return try await core.programme.apply(year, NewApplication(
                special: a.special.rawValue, title: Self.projectTitle(a.special, field: a.field, variant: variant),
                summary: "围绕\(FieldTaxonomy.standard.field(a.field)?.chinese ?? a.field)方向，拟在三年内完成关键技术突破并推动成果在渝落地转化。",
                field: a.field, teamMembers: team, materials: materials), by: a.principal!)
        }
        func step(_ id: Int64, _ action: String, _ reason: String? = nil, by p: Principal, day: Int) async throws {
            set(day, Int(id % 50))
            _ = try await core.programme.act(onApplication: id, action, reason: reason, by: p)
        }
        let talent1 = Applicant(username: "talent1", name: "张明", special: .youngTopTalent, born: LocalDate("1990-03-07")!, tier: "C",
                                title: "副高级", employer: "重庆大学", district: "500112", field: "artificial_intelligence", strength: 93,
                                principal: people.talent1)

        // Last year's call: three applicants a special and talent1, two places a special; final, funded.
        let last = today.year - 1
        try await call(last, open: -470, close: -410, review: -395, notice: -372)
        var lastRound: [(ProgrammeApplication, Applicant)] = []
        for (n, a) in (cast.filter { slot($0) <= 2 } + [talent1]).enumerated() {
            let application = try await apply(last, a, variant: n, day: -468 + n)
            try await step(application.id, "recommend", by: office(a.district), day: -440 + n % 10)
            try await step(application.id, "pass-formal-check", by: people.admin, day: -425 + n % 10)
            lastRound.append((application, a))
        }
        set(-409); _ = try await core.programme.act(onCall: last, "close", by: people.admin)
        set(-395); _ = try await core.programme.act(onCall: last, "start-review", by: people.admin)
        _ = try await core.programme.assign(last, by: people.admin)
        try await scoreAll(last, lastRound, reviewers: reviewers, day: -390, skip: [])
        set(-376); _ = try await core.programme.act(onCall: last, "rank", by: people.admin)
        try await decideTies(last)
        set(-372); _ = try await core.programme.act(onCall: last, "start-notice", by: people.admin)
        let calendar = try await core.calendars.calendar()
        let end = PublicNotice(startingOn: today.adding(days: -372), calendar: calendar).end
        let finalDay = end.dayNumber - today.dayNumber + 1
        set(finalDay); _ = try await core.programme.act(onCall: last, "finalise", by: people.admin)
        try await fund(last, finalDay: finalDay, cast: cast + [talent1])

        // This year's call: four applicants a special, in review; the demo's reviewer has work left.
        let this = today.year
        try await call(this, open: -95, close: -40, review: -20, notice: 18)
        var round: [(ProgrammeApplication, Applicant)] = []
        for (n, a) in cast.filter({ (2...5).contains(slot($0)) }).enumerated() {
            let application = try await apply(this, a, variant: n + 1, day: -92 + n * 2)
            round.append((application, a))
            let district = office(a.district)
            switch n {
            case 3: try await step(application.id, "decline", "申报单位未出具推荐意见 / no endorsement from the employer", by: district, day: -60)
            case 7:
                set(-58); _ = try await core.programme.act(onApplication: application.id, "withdraw", reason: "今年暂不申报 / not this year", by: a.principal!)
            default:
                try await step(application.id, "recommend", by: district, day: -55 + n % 6)
                if n % 5 == 1 {
                    try await step(application.id, "return", "代表性成果证明不清晰，请补正 / the evidence of achievements is unclear", by: people.admin, day: -48)
                    try await step(application.id, "resubmit", by: a.principal!, day: -45)
                    try await step(application.id, "recommend", by: district, day: -44)
                }
                try await step(application.id, "pass-formal-check", by: people.admin, day: -42)
            }
        }
        set(-39); _ = try await core.programme.act(onCall: this, "close", by: people.admin)
        set(-20); _ = try await core.programme.act(onCall: this, "start-review", by: people.admin)
        let assignment = try await core.programme.assign(this, by: people.admin)
        // An expert declares a conflict the data missed: the application goes to the next best expert.
        if let entry = assignment.entries.first(where: { e in e.reviewers.contains { $0.username == "expert03" } }),
           let expert = reviewers.first(where: { $0.username == "expert03" }) {
            set(-19); try await core.programme.recuse(application: entry.application.id, reason: "曾指导申请人的博士学位论文 / supervised the applicant's doctorate", by: expert)
        }
        let reviewer = reviewers.first { $0.username == "reviewer" }!
        let waiting = try await core.programme.reviewTasks(by: reviewer).dropFirst(2).map(\.application.id)
        try await scoreAll(this, round, reviewers: reviewers, day: -17, skip: Set(waiting.map { ReviewKey(application: $0, reviewer: reviewer.userId) }))

        // Next year's call: open since three days ago; Yubei's office and the city office have work.
        let next = today.year + 1
        try await call(next, open: -3, close: 57, review: 80, notice: 100)
        for (n, a) in cast.filter({ slot($0) == 6 }).enumerated() {
            let application = try await apply(next, a, variant: n + 2, day: -2 + n % 2)
            if a.district != "500112", n < 5 {
                try await step(application.id, "recommend", by: office(a.district), day: -1)
            }
        }
    }

    /// A call of `year`, dates in days from today, drafted a week before its first day and published on it.
    func call(_ year: Int, open: Int, close: Int, review: Int, notice: Int) async throws {
        set(open - 7)
        var specials: [String: CallInput.SpecialInput] = [:]
        for s in Special.allCases { specials[s.rawValue] = .init(quota: 2, reviewersPerApplication: 3) }
        _ = try await core.programme.createCall(CallInput(year: year, open: today.adding(days: open).description, close: today.adding(days: close).description,
                                                          review: today.adding(days: review).description, notice: today.adding(days: notice).description,
                                                          specials: specials), by: people.admin)
        set(open)
        _ = try await core.programme.act(onCall: year, "publish", by: people.admin)
    }

    struct ReviewKey: Hashable {
        let application: Int64
        let reviewer: Int64
    }

    /// Every expert scores what they were given, around the application's strength, a harsh or a
    /// lenient hand each; `skip` are the scores not given yet.
    func scoreAll(_ year: Int, _ round: [(ProgrammeApplication, Applicant)], reviewers: [Principal], day: Int, skip: Set<ReviewKey>) async throws {
        let strength = Dictionary(uniqueKeysWithValues: round.map { ($0.0.id, $0.1.strength) })
        var rng = SplitMix64(seed: UInt64(year))
        for (r, expert) in reviewers.enumerated() {
            let hand = Double(r % 5) * 3 - 6
            for (k, task) in try await core.programme.reviewTasks(by: expert).enumerated() where task.open && task.application.year == year {
                guard !skip.contains(ReviewKey(application: task.application.id, reviewer: expert.userId)) else { continue }
                let base = strength[task.application.id] ?? 75
                var scores: [String: Double] = [:]
                for c in task.rubric.criteria {
                    scores[c.code] = min(c.maxScore, max(0, (base + hand + Double(rng.next() % 9) - 4).rounded()))
                }
                set(day + k, r * 7)
                _ = try await core.programme.score(application: task.application.id, scores: scores,
                                                   comment: base >= 80 ? "业绩突出，方案可行，建议支持。" : "基础较好，创新性有待加强。", by: expert)
            }
        }
    }

    /// The committee takes the best of a tie at the quota line by its raw score.
    func decideTies(_ year: Int) async throws {
        for special in Special.allCases {
            let ranking = try await core.programme.ranking(year, special: special.rawValue, by: people.admin)
            guard let places = ranking.placesLeftForTie, places > 0 else { continue }
            let tied = ranking.rows.filter { $0.application.tied }.sorted { ($0.application.rawScore ?? 0) > ($1.application.rawScore ?? 0) }
            _ = try await core.programme.decideTie(year, special: special.rawValue, selected: tied.prefix(places).map(\.application.id), by: people.admin)
        }
    }

    /// 包干制: each holder plans the spending; the first tranche is confirmed, approved and paid; half
    /// of the holders reported at mid-term, most of those accepted and paid again; the latest reports
    /// wait for the office, and talent1's is still due.
    func fund(_ year: Int, finalDay: Int, cast: [Applicant]) async throws {
        let projects = try await core.programme.projects(year: year, by: people.admin)
        let holders = Dictionary(uniqueKeysWithValues: cast.compactMap { a in a.principal.map { ($0.talentId!, $0) } })
        for (n, project) in projects.enumerated() {
            guard let holder = holders[project.application.applicantTalentId] else { continue }
            let budget = project.budgetYuan
            set(finalDay + 2, n)
            _ = try await core.programme.planSpending(project.application.id, ["设备费": budget * 4 / 10, "材料费": budget * 2 / 10,
                                                                               "劳务费": budget * 3 / 10, "差旅与会议费": budget / 10], by: holder)
            guard let first = project.tranches.first?.payoutId else { continue }
            set(finalDay + 3, n); _ = try await core.payouts.confirm(first, by: holder)
            set(finalDay + 6, n); _ = try await core.payouts.approve(first, by: people.admin)
            set(finalDay + 8, n); _ = try await core.payouts.pay(first, reference: "YCJH-\(year)-\(String(format: "%04d", n + 1))", by: people.admin)
            guard holder.username != "talent1", n % 2 == 0 else { continue }
            let reportDay = n % 4 == 0 ? finalDay + 175 : -6 - n
            set(reportDay, n)
            _ = try await core.programme.report(project.application.id, kind: "midterm", text: "按计划完成中期目标，发表论文 3 篇，申请发明专利 2 项。",
                                                spending: ["设备费": budget * 3 / 10, "劳务费": budget / 10], by: holder)
            guard n % 4 == 0 else { continue }
            set(finalDay + 185, n); let accepted = try await core.programme.review(project.application.id, stage: "midterm", result: "通过", by: people.admin)
            guard let second = accepted.tranches.dropFirst().first?.payoutId else { continue }
            // Half confirm at once and are paid; the others confirmed this week and wait for the office.
            set(n % 8 == 0 ? finalDay + 188 : -4, n); _ = try await core.payouts.confirm(second, by: holder)
            if n % 8 == 0 {
                set(finalDay + 192, n); _ = try await core.payouts.approve(second, by: people.admin)
                set(finalDay + 195, n); _ = try await core.payouts.pay(second, reference: "YCJH-\(year)-M\(String(format: "%03d", n + 1))", by: people.admin)
            }
        }
    }

    /// Which of its special's seven an applicant is (`applicants(today:)`).
    func slot(_ a: Applicant) -> Int { ((Int(a.username.dropFirst("applicant".count)) ?? 1) - 1) % 7 }

    func principal(_ username: String) async throws -> Principal {
        guard let user = try await core.accounts.user(username: username), let p = try await core.accounts.principal(userId: user.id) else {
            throw DemoData.DemoError.missingUser(username)
        }
        return p
    }

    /// An applicant's account and certified record.
    func enrol(_ a: Applicant, sequence: Int) async throws -> Principal {
        let user = try await core.accounts.create(.init(username: a.username, displayName: a.name, password: "demo-\(a.username)",
                                                        roles: [.talent], orgCode: a.district))
        let me = try await core.accounts.principal(userId: user.id)!
        let field = FieldTaxonomy.standard.field(a.field)?.chinese ?? a.field
        let talent = try await core.db.transaction { db in
            try await core.talents.register(TalentInput(name: a.name, idType: "resident_id", idNumber: a.idNumber(sequence: sequence),
                                                        phone: Self.phone(sequence: sequence), employer: a.employer,
                                                        districtCode: a.district, education: "doctorate", title: a.title, field: field,
                                                        categories: [], honors: [], arrivalDate: today.adding(days: -2600 - sequence * 11).description),
                                            by: me, on: db)
        }
        _ = try await core.db.transaction { db in
            try await core.talents.certify(talent.id, .init(tier: a.tier, validUntil: today.adding(days: 3 * 365).description, basis: "人才认定（演示）"),
                                           by: people.admin, on: db)
        }
        return try await core.accounts.principal(userId: user.id)!
    }

    /// The expert pool's accounts (the demo's `reviewer` exists already) and their profiles.
    func enrolExperts() async throws -> [Principal] {
        var out: [Principal] = []
        for e in Self.experts {
            if try await core.accounts.user(username: e.username) == nil {
                _ = try await core.accounts.create(.init(username: e.username, displayName: e.name, password: "demo-\(e.username)",
                                                         roles: [.reviewer], orgCode: Programme.cityOffice))
            }
            _ = try await core.programme.setReviewer(e.username, ReviewerInput(field: e.field, employer: e.employer, maxLoad: 8), by: people.admin)
            out.append(try await principal(e.username))
        }
        return out
    }
}
