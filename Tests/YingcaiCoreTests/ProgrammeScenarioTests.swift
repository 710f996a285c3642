import Foundation
import Organisations
import ProgrammeRules
import SQLKit
import TestSupport
import Testing
import WorkCalendar
import YingcaiCore

/// The talent programme end to end, without HTTP: a call, applications, the formal steps,
/// conflict-free assignment, scores, ranking with a tie for the committee, the public notice with
/// an objection, the final list with its honours, and the first tranche paid.
@Suite("The talent programme, end to end")
struct ProgrammeScenarioTests {
    /// Monday 2026-03-02, 10:00 in Shanghai.
    static let start = LocalDate("2026-03-02")!.shanghaiStartMillis + 10 * 3_600_000

    static func idNumber(_ first17: String) -> String {
        first17 + String(ResidentIDNumberCheck.character(first17))
    }

    /// A talent with an account, registered in Yubei and certified into `tier`.
    static func talent(_ t: TestCore, _ username: String, born: String, tier: String, title: String, employer: String,
                       education: String = "doctorate") async throws -> Principal {
        let user = try await t.user(username, [.talent], at: "500112")
        let office = try await t.core.accounts.principal(userId: try await t.core.accounts.user(username: "office")!.id)!
        let record = try await t.core.db.transaction { db in
            try await t.core.talents.register(TalentInput(name: "人才\(username)", idType: "resident_id",
                                                          idNumber: idNumber("500112\(born.replacingOccurrences(of: "-", with: ""))01\(username.count % 10)"),
                                                          employer: employer, districtCode: "500112", education: education, title: title,
                                                          field: "人工智能", arrivalDate: "2020-01-01"), by: user, on: db)
        }
        let admin = Principal(userId: office.userId, username: "office", roles: [.admin], org: OrgCode("500000:TALENT")!, talentId: nil)
        _ = try await t.core.db.transaction { db in
            try await t.core.talents.certify(record.id, .init(tier: tier, validUntil: "2030-12-31", basis: "测试"), by: admin, on: db)
        }
        return try await t.core.accounts.principal(userId: user.userId)!
    }

    static func upload(_ t: TestCore, by p: Principal) async throws -> String {
        try await t.core.uploads.store(Array("%PDF-1.4\n%%EOF\n".utf8), filename: "申报书.pdf", by: p).id
    }

    @Test("call → applications → assignment → scores → ranking with a tie → notice with an objection → final list → first tranche")
    func wholeRound() async throws {
        try await TestCore.run { t in
            t.clock.set(Self.start)
            let office = try await t.user("office", [.handler], at: "500000:TALENT")
            let yubei = try await t.user("yubei-office", [.handler], at: "500112:TALENT")
            let p = t.core.programme
            // 申报通知: young top talents (2 places) and master teachers (1 place), 3 reviewers each.
            _ = try await p.createCall(CallInput(year: 2026, open: "2026-03-02", close: "2026-03-31", review: "2026-04-07", notice: "2026-04-20", specials: [
                "young_top_talent": .init(quota: 2), "master_teacher": .init(quota: 1),
                "outstanding_scientist": .init(run: false), "innovation_leader": .init(run: false),
                "skills_leader": .init(run: false), "demonstration_team": .init(run: false),
            ]), by: office)
            await #expect(throws: CoreError.self) { _ = try await p.act(onCall: 2026, "publish", by: yubei) }
            #expect(try await p.act(onCall: 2026, "publish", by: office).rules.state == .open)

            // Applications: four young talents, two teachers; an old one is refused with the reason.
            var young: [Principal] = []
            for (i, born) in ["1992-05-01", "1993-06-02", "1994-07-03", "1995-08-04"].enumerated() {
                young.append(try await Self.talent(t, "young\(i)", born: born, tier: "C", title: "中级", employer: i == 0 ? "重庆大学" : "单位\(i)"))
            }
            let teachers = [try await Self.talent(t, "teacher0", born: "1970-01-01", tier: "D", title: "正高级", employer: "西南大学"),
                            try await Self.talent(t, "teacher1", born: "1971-02-02", tier: "D", title: "副高级", employer: "重庆师范大学")]
            let old = try await Self.talent(t, "old", born: "1975-03-03", tier: "C", title: "中级", employer: "某公司")
            let refused = await #expect(throws: CoreError.self) {
                _ = try await p.apply(2026, NewApplication(special: "young_top_talent", title: "申报", summary: "摘要", field: "artificial_intelligence",
                                                           materials: ["APPLICATION_FORM": try await Self.upload(t, by: old)]), by: old)
            }
            #expect("\(refused!)".contains("年龄"), "\(refused!)")
            let eligibility = try await p.eligibility(2026, special: "young_top_talent", talent: old.talentId!)
            #expect(!eligibility.holds && eligibility.reason.contains("年龄"))
            var ids: [Int64] = []
            for (i, who) in young.enumerated() {
                ids.append(try await p.apply(2026, NewApplication(special: "young_top_talent", title: "青年项目\(i)", summary: "研究摘要", field: "artificial_intelligence",
                                                                  materials: ["APPLICATION_FORM": try await Self.upload(t, by: who)]), by: who).id)
            }
            for (i, who) in teachers.enumerated() {
                ids.append(try await p.apply(2026, NewApplication(special: "master_teacher", title: "教学项目\(i)", summary: "教学摘要", field: "software",
                                                                  materials: ["APPLICATION_FORM": try await Self.upload(t, by: who)]), by: who).id)
            }
            // One application per person per call.
            await #expect(throws: CoreError.self) {
                _ = try await p.apply(2026, NewApplication(special: "master_teacher", title: "第二份", summary: "摘要", field: "software",
                                                           materials: ["APPLICATION_FORM": try await Self.upload(t, by: young[0])]), by: young[0])
            }
            // The district recommends, the city checks form: one returned and resubmitted before the close.
            for id in ids { _ = try await p.act(onApplication: id, "recommend", reason: nil, by: yubei) }
            _ = try await p.act(onApplication: ids[1], "return", reason: "缺少导师推荐信", by: office)
            _ = try await p.act(onApplication: ids[1], "resubmit", reason: nil, by: young[1])
            _ = try await p.act(onApplication: ids[1], "recommend", reason: nil, by: yubei)
            for id in ids { _ = try await p.act(onApplication: id, "pass-formal-check", reason: nil, by: office) }
            let timeline = try await p.events("application", ids[1]).map(\.action)
            #expect(timeline == ["submit", "recommend", "return", "resubmit", "recommend", "pass-formal-check"])

            // Reviewers: one shares young0's employer, one declared young2 a collaborator.
            var reviewers: [Principal] = []
            for i in 0..<6 {
                let r = try await t.user("reviewer\(i)", [.reviewer], at: "500000:TALENT")
                _ = try await p.setReviewer("reviewer\(i)", ReviewerInput(field: i < 3 ? "artificial_intelligence" : "software",
                                                                        employer: i == 0 ? "重庆大学" : "专家单位\(i)",
                                                                        collaborators: i == 1 ? [young[2].talentId!] : [], maxLoad: 6), by: office)
                reviewers.append(r)
            }
            t.clock.set(LocalDate("2026-04-07")!.shanghaiStartMillis + 10 * 3_600_000)
            _ = try await p.act(onCall: 2026, "close", by: office)
            _ = try await p.act(onCall: 2026, "start-review", by: office)
            let round = try await p.assign(2026, by: office)
            #expect(round.shortfalls.isEmpty)
            #expect(round.conflicts.contains { $0.reviewerId == reviewers[0].userId && $0.applicationId == ids[0] && $0.cause == .sameEmployer })
            #expect(round.conflicts.contains { $0.reviewerId == reviewers[1].userId && $0.applicationId == ids[2] && $0.cause == .declaredCollaborator })
            for entry in round.entries {
                #expect(entry.reviewers.count == 3)
                for r in entry.reviewers { #expect(!round.conflicts.contains { $0.applicationId == entry.application.id && $0.reviewerId == r.userId }) }
            }
            // A reviewer declares a conflict the data missed: they are replaced.
            let someone = round.entries.first { $0.application.id == ids[3] }!.reviewers[0].userId
            let recusing = reviewers.first { $0.userId == someone }!
            try await p.recuse(application: ids[3], reason: "与申请人为同一课题组", by: recusing)
            let after = try await p.assignment(2026, by: office)
            let now3 = after.entries.first { $0.application.id == ids[3] }!.reviewers.map(\.userId)
            #expect(!now3.contains(someone) && now3.count == 3)
            #expect(after.conflicts.contains { $0.reviewerId == someone && $0.cause == .declaredByReviewer })

            // Scores: the teachers tie exactly; the young talents are apart.
            for task in try await reviewers.asyncFlatMap({ r in try await p.reviewTasks(by: r).map { (r, $0) } }) {
                let (r, task) = task
                let teacher = task.application.special == .masterTeacher
                let base = teacher ? 80.0 : 90.0 - Double(ids.firstIndex(of: task.application.id)!) * 5
                let scores = Dictionary(uniqueKeysWithValues: task.rubric.criteria.map { ($0.code, base) })
                _ = try await p.score(application: task.application.id, scores: scores, comment: "评审意见", by: r)
            }
            // Nobody reads a score but its reviewer and the office.
            let onFirst = try await p.assignment(2026, by: office).entries.first { $0.application.id == ids[0] }!.reviewers.map(\.userId)
            let stranger = reviewers.first { !onFirst.contains($0.userId) }!
            await #expect(throws: CoreError.self) { _ = try await p.scores(of: ids[0], by: stranger) }
            let own = try await p.scores(of: ids[0], by: reviewers.first { $0.userId == onFirst[0] }!)
            let every = try await p.scores(of: ids[0], by: office)
            #expect(own.count == 1 && every.count == 3)
            _ = try await p.act(onCall: 2026, "rank", by: office)
            let youngRanking = try await p.ranking(2026, special: "young_top_talent", by: office)
            #expect(youngRanking.rows.filter { $0.application.state == .selected }.map(\.application.id).sorted() == [ids[0], ids[1]])
            #expect(youngRanking.rows.allSatisfy { $0.scores.count == 3 && $0.application.rawScore != nil })
            // The ranked list for Excel: BOM, a header and a CRLF line per application, in place order; the office's only.
            let csv = try await p.rankingCSV(2026, special: "young_top_talent", by: office)
            let lines = csv.text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csv.text.hasPrefix("\u{FEFF}名次 place,") && csv.rows == 4 && lines.count == 5)
            #expect(lines.dropFirst().map { $0.prefix(2) } == ["1,", "2,", "3,", "4,"] && lines[1].contains("入选"))
            await #expect(throws: CoreError.self) { _ = try await p.rankingCSV(2026, special: "young_top_talent", by: young[0]) }
            let teacherRanking = try await p.ranking(2026, special: "master_teacher", by: office)
            #expect(teacherRanking.placesLeftForTie == 1)
            #expect(teacherRanking.rows.allSatisfy { $0.application.tied && $0.application.state == .inReview })
            // The notice cannot start while the committee has a tie to decide.
            t.clock.set(LocalDate("2026-04-20")!.shanghaiStartMillis + 10 * 3_600_000)
            await #expect(throws: CoreError.self) { _ = try await p.act(onCall: 2026, "start-notice", by: office) }
            _ = try await p.decideTie(2026, special: "master_teacher", selected: [ids[5]], by: office)
            _ = try await p.act(onCall: 2026, "start-notice", by: office)
            let notice = try await p.publicNotices()
            #expect(notice.first?.entries.map(\.applicationId).sorted() == [ids[0], ids[1], ids[5]])
            #expect(notice.first?.end == LocalDate("2026-04-27"))
            // 异议: a work order of the city talent office.
            let objection = try await p.object(2026, application: ids[0], name: "群众", phone: nil, text: "对该人选的业绩有疑问")
            #expect(objection.rules.leadOrg == "500000:TALENT" && objection.rules.state == .dispatched)
            // The list is final only after the 5 working days.
            await #expect(throws: CoreError.self) { _ = try await p.act(onCall: 2026, "finalise", by: office) }
            t.clock.set(LocalDate("2026-04-28")!.shanghaiStartMillis + 10 * 3_600_000)
            _ = try await p.act(onCall: 2026, "finalise", by: office)
            let honoured = try await t.core.talents.talent(young[0].talentId!, by: young[0])
            #expect(honoured.honors.contains("重庆英才计划·青年拔尖人才·2026") && honoured.categories.contains("青年拔尖人才"))
            // 包干制: three tranches summing to the budget; the first proposed to the holder, confirmed, approved and paid.
            let project = try await p.project(ids[0], by: office)
            #expect(project.tranches.map(\.yuan).reduce(0, +) == project.budgetYuan && project.budgetYuan == 500_000)
            #expect(project.tranches.map(\.percent) == [50, 30, 20])
            let first = try #require(project.tranches.first?.payoutId)
            let confirmed = try await t.core.payouts.confirm(first, by: young[0])
            #expect(confirmed.workOrderId != nil)
            _ = try await t.core.payouts.approve(first, by: office)
            _ = try await t.core.payouts.pay(first, reference: "YCJH-2026-0001", by: office)
            #expect(try await p.project(ids[0], by: young[0]).paidYuan == 250_000)
            let figures = try await p.figures(2026)
            #expect(figures.selected == 3 && figures.paidYuan == 250_000 && figures.applications == 6)
            // Mid-term: the report, then the office's acceptance proposes the second tranche.
            _ = try await p.report(ids[0], kind: "midterm", text: "中期进展", spending: ["设备费": 100_000], by: young[0])
            let midterm = try await p.review(ids[0], stage: "midterm", result: nil, by: office)
            #expect(midterm.tranches[1].payoutState == .proposed)
        }
    }
}

extension Array {
    func asyncFlatMap<T>(_ transform: (Element) async throws -> [T]) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out += try await transform(e) }
        return out
    }
}

/// The GB 11643 check character, for test identity numbers.
enum ResidentIDNumberCheck {
    static func character(_ first17: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.map { Int(String($0))! }, weights).map(*).reduce(0, +)
        return Array("10X98765432")[sum % 11]
    }
}
