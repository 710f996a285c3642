import Testing
@testable import PolicyLanguage
import WorkCalendar

/// Each construct on its own. `value`/`holds` run both evaluators and require them to agree.
@Suite("Evaluation of each construct")
struct EvaluationTests {
    let talent = TalentRecord(
        tier: "B", categories: ["青年拔尖人才", "高层次人才"], honors: ["国家级荣誉"], education: "博士",
        title: "正高级", field: "生物医药", district: "X-GX", arrivalDate: day("2022-03-15"),
        birthDate: day("1986-07-01"), certifiedOn: day("2022-05-01"), tierValidUntil: day("2027-04-30"),
        payouts: 2, paidTotal: 6_000)

    @Test func attributesReadTheRecord() throws {
        #expect(try value("tier", talent) == .text("B"))
        #expect(try value("categories", talent) == .textList(["青年拔尖人才", "高层次人才"]))
        #expect(try value("honors", talent) == .textList(["国家级荣誉"]))
        #expect(try value("education", talent) == .text("博士"))
        #expect(try value("title", talent) == .text("正高级"))
        #expect(try value("field", talent) == .text("生物医药"))
        #expect(try value("district", talent) == .text("X-GX"))
        #expect(try value("arrival_date", talent) == .date(day("2022-03-15")))
        #expect(try value("birth_date", talent) == .date(day("1986-07-01")))
        #expect(try value("certified_on", talent) == .date(day("2022-05-01")))
        #expect(try value("tier_valid_until", talent) == .date(day("2027-04-30")))
        #expect(try value("payouts", talent) == .integer(2))
        #expect(try value("paid_total", talent) == .integer(6_000))
        #expect(try value("today", talent) == .date(day("2025-06-30")))
    }

    @Test func ageCountsFullYears() throws {
        let born = TalentRecord(birthDate: day("1980-07-01"))
        #expect(try value("age", born, on: EvaluationDay(day("2025-06-30"))) == .integer(44))
        #expect(try value("age", born, on: EvaluationDay(day("2025-07-01"))) == .integer(45))
        // A 29 February birthday completes its year on 1 March in common years.
        let leap = TalentRecord(birthDate: day("2000-02-29"))
        #expect(try value("age", leap, on: EvaluationDay(day("2023-02-28"))) == .integer(22))
        #expect(try value("age", leap, on: EvaluationDay(day("2023-03-01"))) == .integer(23))
        #expect(try value("age", leap, on: EvaluationDay(day("2024-02-29"))) == .integer(24))
        // A birth date after the evaluation date gives a negative age, not zero.
        #expect(try value("age", TalentRecord(birthDate: day("2026-01-01"))) == .integer(-1))
    }

    @Test func timeSinceArrival() throws {
        let arrived = TalentRecord(arrivalDate: day("2022-01-31"))
        #expect(try value("months_since_arrival", arrived, on: EvaluationDay(day("2022-02-28"))) == .integer(0))
        #expect(try value("months_since_arrival", arrived, on: EvaluationDay(day("2022-03-01"))) == .integer(1))
        #expect(try value("months_since_arrival", arrived, on: EvaluationDay(day("2025-01-30"))) == .integer(35))
        #expect(try value("months_since_arrival", arrived, on: EvaluationDay(day("2025-01-31"))) == .integer(36))
        #expect(try value("years_since_arrival", arrived, on: EvaluationDay(day("2025-01-30"))) == .integer(2))
        #expect(try value("years_since_arrival", arrived, on: EvaluationDay(day("2025-01-31"))) == .integer(3))
        #expect(try value("years_since_arrival", arrived, on: EvaluationDay(day("2021-12-31"))) == .integer(-1))
    }

    @Test func arithmetic() throws {
        #expect(try value("7 + 5") == .integer(12))
        #expect(try value("7 - 5") == .integer(2))
        #expect(try value("7 * 5") == .integer(35))
        #expect(try value("7 / 2") == .integer(3))
        #expect(try value("-7 / 2") == .integer(-3))  // truncates towards zero
        #expect(try value("paid_total + 3_000", talent) == .integer(9_000))
    }

    @Test func overflowIsAnErrorNeverATrap() throws {
        #expect(try evaluate("9223372036854775807 + 1") == .error(.overflow, SourcePosition(line: 1, column: 21)))
        #expect(try evaluate("-9223372036854775807 - 2") == .error(.overflow, SourcePosition(line: 1, column: 22)))
        #expect(try evaluate("4611686018427387904 * 2") == .error(.overflow, SourcePosition(line: 1, column: 21)))
        #expect(try evaluate("(-9223372036854775807 - 1) / -1") == .error(.overflow, SourcePosition(line: 1, column: 28)))
        #expect(try evaluate("-(-9223372036854775807 - 1)") == .error(.overflow, SourcePosition(line: 1, column: 1)))
        #expect(try value("-9223372036854775807 - 1") == .integer(Int.min))
    }

    @Test func divisionByZeroIsAnError() throws {
        #expect(try evaluate("1 / 0") == .error(.divisionByZero, SourcePosition(line: 1, column: 3)))
        #expect(try evaluate("100 / (payouts - 2)", talent) == .error(.divisionByZero, SourcePosition(line: 1, column: 5)))
        // `and` does not evaluate what it does not need.
        #expect(try holds("payouts != 2 and 100 / (payouts - 2) > 1", talent) == false)
        #expect(try holds("payouts = 2 or 1 / 0 = 1", talent))
        #expect(try value("if payouts = 2 then 0 else 1 / 0", talent) == .integer(0))
    }

    @Test func comparisons() throws {
        #expect(try holds("3 = 3"))
        #expect(try holds("3 != 4"))
        #expect(try holds("3 < 4") && !holds("4 < 4"))
        #expect(try holds("4 <= 4") && !holds("5 <= 4"))
        #expect(try holds("5 > 4") && !holds("4 > 4"))
        #expect(try holds("4 >= 4") && !holds("3 >= 4"))
        #expect(try holds("arrival_date < 2022-03-16", talent) && !holds("arrival_date < 2022-03-15", talent))
        #expect(try holds("arrival_date >= 2022-03-15", talent))
        #expect(try holds(#"tier = "B""#, talent) && holds(#"tier != "A""#, talent))
        #expect(try holds(#"district = "X-GX""#, talent))
        #expect(try holds("(1 < 2) = true") && holds("(1 < 2) != false"))
        #expect(try holds("45 > 44"))
    }

    /// Attribute against literal is compiled to a fast path of its own; pin every operator at
    /// and around the boundary, in both operand orders.
    @Test(arguments: ComparisonOperator.allCases)
    func attributeAgainstLiteralAtTheBoundary(op: ComparisonOperator) throws {
        func expected(_ a: Int, _ b: Int) -> Bool { op.expected(a, b) }
        let dates = ["2020-12-31", "2021-01-01", "2021-01-02"]
        for n in 1...3 {
            let record = TalentRecord(arrivalDate: day(dates[n - 1]), birthDate: day("1980-07-01"), payouts: n)
            #expect(try holds("payouts \(op.rawValue) 2", record) == expected(n, 2))
            #expect(try holds("2 \(op.rawValue) payouts", record) == expected(2, n))
            #expect(try holds("arrival_date \(op.rawValue) 2021-01-01", record) == expected(n, 2))
            #expect(try holds("2021-01-01 \(op.rawValue) arrival_date", record) == expected(2, n))
            #expect(try holds("age \(op.rawValue) \(43 + n)", record) == expected(44, 43 + n))
            #expect(try holds("payouts \(op.rawValue) payouts", record) == expected(n, n))
        }
        if !op.isOrdering {
            let equal = op == .equal
            #expect(try holds(#"tier \#(op.rawValue) "A""#, TalentRecord(tier: "A")) == equal)
            #expect(try holds(#""A" \#(op.rawValue) tier"#, TalentRecord(tier: "B")) == !equal)
            #expect(try holds(#"tier \#(op.rawValue) "A""#, TalentRecord()) == !equal)
        } else {
            #expect(try !holds("age \(op.rawValue) 40", TalentRecord()))
            #expect(try !holds("40 \(op.rawValue) age", TalentRecord()))
        }
    }

    @Test func membership() throws {
        #expect(try holds(#"tier in ["A", "B", "C"]"#, talent))
        #expect(try !holds(#"tier in ["D", "E"]"#, talent))
        #expect(try holds(#"tier not in ["D", "E"]"#, talent))
        #expect(try holds(#""青年拔尖人才" in categories"#, talent))
        #expect(try !holds(#""技能人才" in categories"#, talent))
        #expect(try holds(#""技能人才" not in categories"#, talent))
        #expect(try holds(#"tier in categories"#, TalentRecord(tier: "X", categories: ["X"])))
        #expect(try holds("payouts in [1, 2, 3]", talent))
        #expect(try holds("arrival_date in [2022-03-15, 2023-01-01]", talent))
        #expect(try holds("-1 in [-1, 1]"))
    }

    @Test func logic() throws {
        #expect(try holds("true and true") && !holds("true and false"))
        #expect(try holds("false or true") && !holds("false or false"))
        #expect(try holds("not false") && !holds("not true"))
        #expect(try holds("true and true and true and true") && !holds("true and true and true and false"))
        #expect(try holds("false or false or false or true"))
    }

    @Test func conditionalPicksABranch() throws {
        let amount = #"if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000"#
        #expect(try value(amount, TalentRecord(tier: "A")) == .integer(1_000_000))
        #expect(try value(amount, TalentRecord(tier: "B")) == .integer(500_000))
        #expect(try value(amount, TalentRecord(tier: "C")) == .integer(200_000))
        #expect(try value(amount, TalentRecord()) == .integer(200_000))
        #expect(try value(#"if true then "甲" else "乙""#) == .text("甲"))
        #expect(try value("if false then 2021-01-01 else 2022-01-01") == .date(day("2022-01-01")))
        #expect(try holds("if true then true else false"))
    }

    @Test func functions() throws {
        #expect(try holds(#"any(honors, ["国家级荣誉", "两院院士"])"#, talent))
        #expect(try !holds(#"any(honors, ["两院院士"])"#, talent))
        #expect(try holds(#"any(["两院院士", "国家级荣誉"], honors)"#, talent))
        #expect(try holds("any(categories, honors)", TalentRecord(categories: ["x"], honors: ["x"])))
        #expect(try !holds("any(categories, honors)", talent))
        #expect(try holds("any([1, 2], [2, 3])"))
        #expect(try value("count(categories)", talent) == .integer(2))
        #expect(try value("count(honors)") == .integer(0))
        #expect(try value(#"count(["a", "b", "c"])"#) == .integer(3))
        #expect(try value("min(5, 3, 9)") == .integer(3))
        #expect(try value("max(5, 3, 9)") == .integer(9))
        #expect(try value("min(300_000, 1_000_000 - paid_total)", talent) == .integer(300_000))
    }

    @Test func dateArithmetic() throws {
        #expect(try value("2021-01-01 + 31") == .date(day("2021-02-01")))
        #expect(try value("31 + 2021-01-01") == .date(day("2021-02-01")))
        #expect(try value("2021-03-01 - 1") == .date(day("2021-02-28")))
        #expect(try value("2024-03-01 - 2024-02-01") == .integer(29))
        #expect(try value("today - arrival_date", talent) == .integer(1203))
        #expect(try holds("arrival_date + 1203 = today", talent))
        #expect(try evaluate("9999-12-31 + 1") == .error(.dateOutOfRange, SourcePosition(line: 1, column: 12)))
        #expect(try evaluate("0001-01-01 - 1") == .error(.dateOutOfRange, SourcePosition(line: 1, column: 12)))
        #expect(try evaluate("2021-01-01 + 9223372036854775807") == .error(.overflow, SourcePosition(line: 1, column: 12)))
        #expect(try evaluate("2021-01-01 - (-9223372036854775807 - 1)") == .error(.overflow, SourcePosition(line: 1, column: 12)))
    }

    @Test func missingValuesCompareFalse() throws {
        let nobody = TalentRecord()
        #expect(try value("tier", nobody) == .missing)
        #expect(try value("age", nobody) == .missing)
        #expect(try value("years_since_arrival", nobody) == .missing)
        #expect(try !holds(#"tier = "A""#, nobody))
        #expect(try !holds(#"tier in ["A", "B"]"#, nobody))
        #expect(try !holds("age < 45", nobody))
        #expect(try !holds("age >= 45", nobody))
        #expect(try !holds("certified_on <= today", nobody))
        // != and not in are exactly the negations of = and in.
        #expect(try holds(#"tier != "A""#, nobody))
        #expect(try holds(#"tier not in ["A", "B"]"#, nobody))
        #expect(try holds("not age < 45", nobody))
        #expect(try !holds(#"tier = tier"#, nobody))
        #expect(try !holds("age = age", nobody))
    }

    @Test func missingValuesPropagateThroughArithmetic() throws {
        let nobody = TalentRecord()
        #expect(try value("age + 1", nobody) == .missing)
        #expect(try value("arrival_date + 30", nobody) == .missing)
        #expect(try value("today - arrival_date", nobody) == .missing)
        #expect(try value("min(age, 3)", nobody) == .missing)
        #expect(try value("-age", nobody) == .missing)
        #expect(try value(#"if true then tier else "X""#, nobody) == .missing)
        // Both operands are still evaluated, so errors are not hidden by a missing value.
        #expect(try evaluate("age + 1 / 0", nobody) == .error(.divisionByZero, SourcePosition(line: 1, column: 9)))
    }

    @Test func noneTests() throws {
        #expect(try holds("tier is none", TalentRecord()))
        #expect(try !holds("tier is not none", TalentRecord()))
        #expect(try holds("tier is not none", talent))
        #expect(try holds("certified_on is none", TalentRecord()))
        #expect(try holds("age + 1 is none", TalentRecord()))
        #expect(try !holds("payouts is none", TalentRecord()))
        #expect(try !holds("(1 < 2) is none"))
    }
}
