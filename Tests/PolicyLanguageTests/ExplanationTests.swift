import Testing
@testable import PolicyLanguage
import WorkCalendar

@Suite("Explanations in plain words")
struct ExplanationTests {
    private func unmet(_ rule: String, _ record: TalentRecord) throws -> Bilingual? {
        let policy = try PolicyFile.parse("eligible: \(rule)\namount: 1\nperiod: yearly")
        return policy.explain(record, on: standardDay).unmet
    }

    private func met(_ rule: String, _ record: TalentRecord) throws -> [Bilingual] {
        let policy = try PolicyFile.parse("eligible: \(rule)\namount: 1\nperiod: yearly")
        return policy.explain(record, on: standardDay).met
    }

    let talent = TalentRecord(tier: "B", categories: ["高层次人才"], honors: [], education: "硕士", district: "500112",
                              arrivalDate: day("2020-05-01"), birthDate: day("1978-01-01"), certifiedOn: day("2021-01-01"))

    @Test func firstFailingConjunctIsReported() throws {
        #expect(try unmet(#"tier = "B" and age < 45 and education = "博士""#, talent) ==
            Bilingual("年龄须小于 45（当前 47）", "age must be under 45 (is 47)"))
    }

    @Test func nestedAndInsideOr() throws {
        #expect(try unmet(#"(tier = "A" and age < 50) or education = "博士""#, talent) ==
            Bilingual("以下条件均不满足：层次须为 A（当前 B）；学历须为 博士（当前 硕士）",
                      "none of these holds: tier must be A (is B); education must be 博士 (is 硕士)"))
    }

    @Test func literalOnTheLeftReadsNaturally() throws {
        #expect(try unmet("45 > age", talent) == Bilingual("年龄须小于 45（当前 47）", "age must be under 45 (is 47)"))
    }

    @Test func everyComparisonOperator() throws {
        #expect(try unmet("age <= 40", talent) == Bilingual("年龄须不超过 40（当前 47）", "age must be at most 40 (is 47)"))
        #expect(try unmet("age > 50", talent) == Bilingual("年龄须大于 50（当前 47）", "age must be over 50 (is 47)"))
        #expect(try unmet("age >= 50", talent) == Bilingual("年龄须不小于 50（当前 47）", "age must be at least 50 (is 47)"))
        #expect(try unmet("age = 50", talent) == Bilingual("年龄须为 50（当前 47）", "age must be 50 (is 47)"))
        #expect(try unmet("age != 47", talent) == Bilingual("年龄不得为 47", "age must not be 47"))
        #expect(try unmet("arrival_date < 2020-01-01", talent) ==
            Bilingual("来渝日期须早于 2020-01-01（当前 2020-05-01）", "arrival date must be before 2020-01-01 (is 2020-05-01)"))
        #expect(try unmet("arrival_date > 2021-01-01", talent) ==
            Bilingual("来渝日期须晚于 2021-01-01（当前 2020-05-01）", "arrival date must be after 2021-01-01 (is 2020-05-01)"))
    }

    @Test func negationFlipsTheRequirement() throws {
        #expect(try unmet("not age > 40", talent) == Bilingual("年龄须不超过 40（当前 47）", "age must be at most 40 (is 47)"))
        #expect(try unmet(#"not tier in ["A", "B"]"#, talent) ==
            Bilingual("层次不得为 A、B 之一（当前 B）", "tier must not be one of A, B (is B)"))
        #expect(try unmet(#"tier not in ["B"]"#, talent) == Bilingual("层次不得为 B 之一（当前 B）", "tier must not be one of B (is B)"))
        #expect(try unmet(#"not "高层次人才" in categories"#, talent) ==
            Bilingual("人才类别不得包含 高层次人才", "categories must not include 高层次人才"))
        #expect(try unmet(#"not (tier = "B" or age > 60)"#, talent) ==
            Bilingual("不得满足：层次为 B", "must not hold: tier is B"))
        #expect(try unmet(#"not (tier = "B" and age > 40)"#, talent) ==
            Bilingual("不得同时满足：层次为 B；年龄为 47，大于 40", "must not all hold: tier is B; age is 47, over 40"))
    }

    @Test func noneTestsAndAny() throws {
        #expect(try unmet("tier_valid_until is not none", talent) == Bilingual("缺少层次有效期（未记录）", "tier valid until is not recorded"))
        #expect(try unmet("certified_on is none", talent) ==
            Bilingual("认定日期须为空（当前 2021-01-01）", "certification date must not be recorded (is 2021-01-01)"))
        #expect(try unmet(#"any(honors, ["国家级荣誉", "两院院士"])"#, talent) ==
            Bilingual("荣誉须包含 国家级荣誉、两院院士 之一（当前 无）", "honours must include one of 国家级荣誉, 两院院士 (has: none)"))
        #expect(try unmet(#"not any(categories, ["高层次人才"])"#, talent) ==
            Bilingual("人才类别不得包含 高层次人才 中任何一项（当前 高层次人才）",
                      "categories must include none of 高层次人才 (has: 高层次人才)"))
    }

    @Test func computedOperandsAreQuoted() throws {
        #expect(try unmet("years_since_arrival + 1 < 3", talent) ==
            Bilingual("「years_since_arrival + 1」须小于 3（当前 6）", "years_since_arrival + 1 must be under 3 (is 6)"))
        #expect(try unmet("certified_on < arrival_date", talent) ==
            Bilingual("认定日期须早于 来渝日期（2020-05-01）（当前 2021-01-01）",
                      "certification date must be before arrival date (2020-05-01) (is 2021-01-01)"))
        #expect(try unmet("false", talent) == Bilingual("条件恒不成立", "the condition never holds"))
        #expect(try unmet("if age > 40 then false else true", talent) ==
            Bilingual("须满足：if age > 40 then false else true", "must hold: if age > 40 then false else true"))
    }

    @Test func reasonsForAnEligibleTalent() throws {
        #expect(try met(#"tier != "A" and (age > 60 or district = "500112") and tier is not none"#, talent) == [
            Bilingual("层次为 B，不是 A", "tier is B, not A"),
            Bilingual("工作单位所在区县为 500112", "employer district is 500112"),
            Bilingual("层次已记录（B）", "tier is recorded (B)"),
        ])
        #expect(try met("not age < 40 and certified_on is not none", talent) == [
            Bilingual("年龄为 47，不小于 40", "age is 47, at least 40"),
            Bilingual("认定日期已记录（2021-01-01）", "certification date is recorded (2021-01-01)"),
        ])
        #expect(try met(#"tier != "A""#, TalentRecord()) == [Bilingual("层次未记录", "tier is not recorded")])
    }

    @Test func evaluationErrorsAreReportedNotTrapped() throws {
        let policy = try PolicyFile.parse("eligible: 100 / payouts > 1\namount: 1\nperiod: monthly")
        let explanation = policy.explain(TalentRecord(), on: standardDay)
        #expect(explanation.decision == .failed(EvaluationError(.divisionByZero, at: SourcePosition(line: 1, column: 15))))
        #expect(explanation.summary == Bilingual("无法判定「本政策」：第 1 行第 15 列：除数为零",
                                                 "cannot decide this policy: line 1, column 15: division by zero"))
    }

    @Test func amountProblems() throws {
        let missing = try PolicyFile.parse("eligible: true\namount: age * 1000\nperiod: once")
        #expect(missing.decide(TalentRecord(), on: standardDay) ==
            .failed(EvaluationError(.amountNotRecorded, at: SourcePosition(line: 2, column: 13))))
        let negative = try PolicyFile.parse("eligible: true\namount: 0 - 5\nperiod: once")
        #expect(negative.decide(TalentRecord(), on: standardDay) ==
            .failed(EvaluationError(.negativeAmount(-5), at: SourcePosition(line: 2, column: 11))))
        var texts = TextTable()
        let compiled = try Compiler.compile(missing, texts: &texts)
        #expect(compiled.decide(Subject(TalentRecord(), texts: &texts), on: standardDay) ==
            .failed(EvaluationError(.amountNotRecorded, at: SourcePosition(line: 2, column: 13))))
    }
}
