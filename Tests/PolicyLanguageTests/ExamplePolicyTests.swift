import Testing
@testable import PolicyLanguage
import WorkCalendar

/// The three policies the language exists for, at the edges of each condition. Every decision
/// is taken by both evaluators, and the explanation is checked word for word where it matters.
@Suite("The three example policies at their boundaries")
struct ExamplePolicyTests {
    struct Run {
        let policy: Policy
        let compiled: CompiledPolicy
        var texts: TextTable

        init(_ source: String) throws {
            policy = try PolicyFile.parse(source)
            var texts = TextTable()
            compiled = try Compiler.compile(policy, texts: &texts)
            self.texts = texts
        }

        mutating func decide(_ record: TalentRecord, on day: EvaluationDay = standardDay,
                             sourceLocation: SourceLocation = #_sourceLocation) -> Decision {
            let fast = compiled.decide(Subject(record, texts: &texts), on: day)
            let slow = policy.decide(record, on: day)
            #expect(fast == slow, "compiled \(fast) but reference \(slow)", sourceLocation: sourceLocation)
            return slow
        }

        func explain(_ record: TalentRecord, on day: EvaluationDay = standardDay) -> Explanation {
            policy.explain(record, on: day)
        }
    }

    // 2025-06-30 is the evaluation day: born 1980-07-01 is 44, born 1980-06-30 is 45.
    static let aged44 = day("1980-07-01")
    static let aged45 = day("1980-06-30")

    // MARK: 安家补贴

    static let housing = TalentRecord(tier: "A", arrivalDate: day("2021-01-01"), birthDate: aged44)

    @Test func housingPaysByTier() throws {
        var run = try Run(ExamplePolicies.housingSubsidy)
        var talent = Self.housing
        #expect(run.decide(talent) == .eligible(amount: 1_000_000))
        talent.tier = "B"
        #expect(run.decide(talent) == .eligible(amount: 500_000))
        talent.tier = "C"
        #expect(run.decide(talent) == .eligible(amount: 200_000))
        talent.tier = "D"
        #expect(run.decide(talent) == .notEligible(condition: 0))
        #expect(run.explain(talent).unmet == Bilingual("层次须为 A、B、C 之一（当前 D）", "tier must be one of A, B, C (is D)"))
        talent.tier = nil
        #expect(run.decide(talent) == .notEligible(condition: 0))
        #expect(run.explain(talent).unmet == Bilingual("缺少层次（未记录）", "tier is not recorded"))
    }

    @Test func housingArrivalBoundary() throws {
        var run = try Run(ExamplePolicies.housingSubsidy)
        var talent = Self.housing
        talent.arrivalDate = day("2020-12-31")
        #expect(run.decide(talent) == .notEligible(condition: 1))
        #expect(run.explain(talent).unmet == Bilingual("来渝日期须不早于 2021-01-01（当前 2020-12-31）",
                                                       "arrival date must be on or after 2021-01-01 (is 2020-12-31)"))
        talent.arrivalDate = day("2021-01-01")
        #expect(run.decide(talent) == .eligible(amount: 1_000_000))
    }

    @Test func housingAgeBoundary() throws {
        var run = try Run(ExamplePolicies.housingSubsidy)
        var talent = Self.housing
        talent.birthDate = Self.aged45
        #expect(run.decide(talent) == .notEligible(condition: 2))
        #expect(run.explain(talent).unmet == Bilingual("年龄须小于 45（当前 45）", "age must be under 45 (is 45)"))
        talent.birthDate = Self.aged44
        #expect(run.decide(talent) == .eligible(amount: 1_000_000))
        // The same talent a day later has turned 45.
        #expect(run.decide(talent, on: EvaluationDay(day("2025-07-01"))) == .notEligible(condition: 2))
        talent.birthDate = nil
        #expect(run.explain(talent).unmet == Bilingual("缺少年龄（未记录）", "age is not recorded"))
    }

    @Test func housingIsPaidOnce() throws {
        var run = try Run(ExamplePolicies.housingSubsidy)
        var talent = Self.housing
        talent.payouts = 1
        talent.paidTotal = 1_000_000
        #expect(run.decide(talent) == .alreadyPaid(times: 1))
        #expect(run.explain(talent).unmet == Bilingual("本政策为一次性发放，已发放过 1 次", "this policy pays once and has already paid 1 time"))
    }

    @Test func housingReasonsWhenEligible() throws {
        let run = try Run(ExamplePolicies.housingSubsidy)
        let explanation = run.explain(Self.housing)
        #expect(explanation.decision == .eligible(amount: 1_000_000))
        #expect(explanation.met == [
            Bilingual("层次为 A，属于 A、B、C 之一", "tier is A, one of A, B, C"),
            Bilingual("来渝日期为 2021-01-01，不早于 2021-01-01", "arrival date is 2021-01-01, on or after 2021-01-01"),
            Bilingual("年龄为 44，小于 45", "age is 44, under 45"),
        ])
        #expect(explanation.summary == Bilingual("符合「安家补贴」：1000000 元，一次性发放", "eligible for 安家补贴: 1000000 yuan, paid once"))
    }

    // MARK: 博士生活补贴

    static let doctor = TalentRecord(tier: "D", education: "博士", district: "X-GX", arrivalDate: day("2022-07-01"),
                                     birthDate: day("1990-01-01"), payouts: 35, paidTotal: 105_000)

    @Test func doctoralAllowanceThirdYearBoundary() throws {
        var run = try Run(ExamplePolicies.doctoralLivingAllowance)
        let talent = Self.doctor
        // Arrived 2022-07-01: the third year ends on 2025-06-30.
        #expect(run.decide(talent, on: EvaluationDay(day("2025-06-30"))) == .eligible(amount: 3_000))
        #expect(run.decide(talent, on: EvaluationDay(day("2025-07-01"))) == .notEligible(condition: 4))
        #expect(run.explain(talent, on: EvaluationDay(day("2025-07-01"))).unmet ==
            Bilingual("来渝年数须小于 3（当前 3）", "years since arrival must be under 3 (is 3)"))
        // The day of arrival counts as the first day.
        #expect(run.decide(talent, on: EvaluationDay(day("2022-07-01"))) == .eligible(amount: 3_000))
        #expect(run.decide(talent, on: EvaluationDay(day("2022-06-30"))) == .notEligible(condition: 3))
        #expect(run.explain(talent, on: EvaluationDay(day("2022-06-30"))).unmet ==
            Bilingual("来渝日期须不晚于 评估日期（2022-06-30）（当前 2022-07-01）",
                      "arrival date must be on or before evaluation date (2022-06-30) (is 2022-07-01)"))
    }

    @Test func doctoralAllowanceEachCondition() throws {
        var run = try Run(ExamplePolicies.doctoralLivingAllowance)
        var talent = Self.doctor
        talent.tier = "E"
        #expect(run.decide(talent) == .eligible(amount: 3_000))
        talent.education = "硕士"
        #expect(run.decide(talent) == .notEligible(condition: 0))
        #expect(run.explain(talent).unmet == Bilingual("学历须为 博士（当前 硕士）", "education must be 博士 (is 硕士)"))
        talent = Self.doctor
        talent.tier = "C"
        #expect(run.decide(talent) == .notEligible(condition: 1))
        talent = Self.doctor
        talent.district = "500112"
        #expect(run.decide(talent) == .notEligible(condition: 2))
        #expect(run.explain(talent).unmet == Bilingual("工作单位所在区县须为 X-GX（当前 500112）",
                                                       "employer district must be X-GX (is 500112)"))
        talent = Self.doctor
        talent.arrivalDate = nil
        #expect(run.decide(talent) == .notEligible(condition: 3))
        #expect(run.explain(talent).unmet == Bilingual("缺少来渝日期（未记录）", "arrival date is not recorded"))
    }

    @Test func doctoralAllowanceIsMonthlyNotOnce() throws {
        var run = try Run(ExamplePolicies.doctoralLivingAllowance)
        var talent = Self.doctor
        talent.payouts = 30
        #expect(run.decide(talent) == .eligible(amount: 3_000))
        #expect(run.explain(talent).summary == Bilingual("符合「博士生活补贴」：3000 元，按月发放",
                                                         "eligible for 博士生活补贴: 3000 yuan, paid monthly"))
    }

    // MARK: 青年拔尖人才科研启动经费

    static let young = TalentRecord(categories: ["青年拔尖人才"], birthDate: day("1985-07-01"))  // 39

    @Test func youngTalentUnderForty() throws {
        var run = try Run(ExamplePolicies.youngTalentStartUp)
        var talent = Self.young
        #expect(run.decide(talent) == .eligible(amount: 300_000))
        #expect(run.explain(talent).met == [
            Bilingual("人才类别包含 青年拔尖人才", "categories include 青年拔尖人才"),
            Bilingual("年龄为 39，小于 40", "age is 39, under 40"),
        ])
        talent.birthDate = day("1985-06-30")  // 40
        #expect(run.decide(talent) == .notEligible(condition: 1))
        #expect(run.explain(talent).unmet == Bilingual(
            "以下条件均不满足：年龄须小于 40（当前 40）；荣誉须包含 国家级荣誉（当前 无）",
            "none of these holds: age must be under 40 (is 40); honours must include 国家级荣誉 (has: none)"))
    }

    @Test func youngTalentWithNationalHonourAtAnyAge() throws {
        var run = try Run(ExamplePolicies.youngTalentStartUp)
        var talent = Self.young
        talent.birthDate = day("1970-01-01")
        talent.honors = ["省部级荣誉", "国家级荣誉"]
        #expect(run.decide(talent) == .eligible(amount: 300_000))
        #expect(run.explain(talent).met.last == Bilingual("荣誉包含 国家级荣誉", "honours include 国家级荣誉"))
        talent.birthDate = nil
        #expect(run.decide(talent) == .eligible(amount: 300_000))
    }

    @Test func youngTalentNeedsTheCategory() throws {
        var run = try Run(ExamplePolicies.youngTalentStartUp)
        var talent = Self.young
        talent.categories = ["高层次人才"]
        #expect(run.decide(talent) == .notEligible(condition: 0))
        #expect(run.explain(talent).unmet == Bilingual("人才类别须包含 青年拔尖人才（当前 高层次人才）",
                                                       "categories must include 青年拔尖人才 (has: 高层次人才)"))
        #expect(run.explain(talent).summary.english ==
            "not eligible for 青年拔尖人才科研启动经费: categories must include 青年拔尖人才 (has: 高层次人才)")
        talent = Self.young
        talent.payouts = 1
        #expect(run.decide(talent) == .alreadyPaid(times: 1))
    }
}
