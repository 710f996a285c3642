import Testing
@testable import PolicyLanguage
import WorkCalendar

@Suite("Grammar: precedence, associativity, shapes")
struct ParserTests {
    private func shape(_ source: String) throws -> String {
        Printer.source(of: try parsed(source))
    }

    private func attr(_ a: Attribute) -> Expression { Expression(.attribute(a)) }
    private func int(_ v: Int) -> Expression { Expression(.integer(v)) }

    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(try parsed("1 + 2 * 3") == Expression(.arithmetic(.plus, int(1), Expression(.arithmetic(.times, int(2), int(3))))))
        #expect(try value("1 + 2 * 3") == .integer(7))
        #expect(try value("(1 + 2) * 3") == .integer(9))
    }

    @Test func arithmeticIsLeftAssociative() throws {
        #expect(try parsed("10 - 3 - 2") == Expression(.arithmetic(.minus, Expression(.arithmetic(.minus, int(10), int(3))), int(2))))
        #expect(try value("10 - 3 - 2") == .integer(5))
        #expect(try value("100 / 10 / 5") == .integer(2))
        #expect(try value("10 - (3 - 2)") == .integer(9))
    }

    @Test func unaryMinus() throws {
        #expect(try value("-5 + 2") == .integer(-3))
        #expect(try value("- -5") == .integer(5))
        #expect(try value("2 * -3") == .integer(-6))
        #expect(try parsed("-age * 2") == Expression(.arithmetic(.times, Expression(.negate(attr(.age))), int(2))))
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try parsed("true or false and false") ==
            Expression(.any([Expression(.boolean(true)), Expression(.all([Expression(.boolean(false)), Expression(.boolean(false))]))])))
        #expect(try holds("true or false and false"))
        #expect(try !holds("(true or false) and false"))
    }

    @Test func chainsAreNary() throws {
        let e = try parsed("true and false and true")
        guard case .all(let items) = e.kind else { Issue.record("not n-ary: \(e)"); return }
        #expect(items.count == 3)
        #expect(e.height == 2)
        // Explicit parentheses keep their grouping.
        guard case .all(let grouped) = try parsed("true and (false and true)").kind else { return }
        #expect(grouped.count == 2)
    }

    @Test func notBindsLooserThanComparisonTighterThanAnd() throws {
        #expect(try parsed("not age < 45") == Expression(.not(Expression(.comparison(.less, attr(.age), int(45))))))
        #expect(try shape("not true and false") == "not true and false")
        #expect(try !holds("not true and false"))
        #expect(try holds("not (true and false)"))
        #expect(try holds("not not true"))
    }

    @Test func comparisonsBindLooserThanArithmetic() throws {
        #expect(try holds("1 + 2 = 3"))
        #expect(try holds("2 * 3 > 5"))
        #expect(try holds("10 - 1 >= 9"))
    }

    @Test func comparisonsDoNotChain() {
        let error = expressionError("18 <= age < 45")
        #expect(error?.problem == .chainedComparison)
        #expect(error?.position == SourcePosition(line: 1, column: 11))
        #expect(expressionError("age in [1] in [true]")?.problem == .chainedComparison)
    }

    @Test func membershipForms() throws {
        #expect(try parsed(#"tier not in ["A"]"#) == Expression(.membership(attr(.tier), Expression(.list([Expression(.text("A"))])), negated: true)))
        #expect(try parsed("tier is not none") == Expression(.noneTest(attr(.tier), negated: true)))
        #expect(try parsed("tier is none") == Expression(.noneTest(attr(.tier), negated: false)))
    }

    @Test func ifThenElseNestsInTheElseBranch() throws {
        let e = try parsed(#"if tier = "A" then 1 else if tier = "B" then 2 else 3"#)
        guard case .conditional(_, _, let whenFalse) = e.kind, case .conditional = whenFalse.kind else {
            Issue.record("else-if did not nest: \(e)")
            return
        }
        #expect(try value("if true then 1 else 2 + 3") == .integer(1))
        #expect(try value("if false then 1 else 2 + 3") == .integer(5))
        #expect(try value("(if false then 1 else 2) + 3") == .integer(5))
        #expect(try value("1000 + if false then 1 else 2") == .integer(1002))
    }

    @Test(arguments: [
        "1 + 2 * 3", "(1 + 2) * 3", "10 - (3 - 2)", "10 - 3 - 2", "-(1 + 2)", "- -5", "2 * -3",
        "true or false and false", "(true or false) and false", "true and (false and true)",
        "true or (false or true)", "not age < 45", "(not true) = false", "(1 < 2) = true",
        #"if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000"#,
        "(if true then 1 else 2) + 3", "if (if true then false else true) then 1 else 2",
        #"tier in ["A", "B", "C"] and arrival_date >= 2021-01-01 and age < 45"#,
        #""青年拔尖人才" in categories and (age < 40 or "国家级荣誉" in honors)"#,
        #"any(honors, ["国家级荣誉", "两院院士"])"#, "min(1, max(2, 3), 4)", "count(categories) = 0",
        "arrival_date + 30 <= today", "today - arrival_date > 365", "tier is not none", "certified_on is none",
        #""a\"b\\c\nd""#, "[-1, 2]", "2021-01-01 - 1",
    ])
    func printingIsCanonicalAndRoundTrips(source: String) throws {
        let first = try parsed(source)
        let printed = Printer.source(of: first)
        let second = try parsed(printed)
        #expect(second == first, "\(source) printed as \(printed)")
        #expect(Printer.source(of: second) == printed)
    }

    @Test func canonicalFormDropsRedundantParentheses() throws {
        #expect(try shape("((1)) + ((2 * 3))") == "1 + 2 * 3")
        #expect(try shape("(age < 45) and (tier = \"A\")") == "age < 45 and tier = \"A\"")
        #expect(try shape("date(\"2021-01-01\")") == "2021-01-01")
        #expect(try shape("1_000_000") == "1000000")
    }

    @Test func policyFileRoundTrips() throws {
        for source in ExamplePolicies.all {
            let policy = try PolicyFile.parse(source)
            let again = try PolicyFile.parse(Printer.source(of: policy))
            #expect(again == policy)
        }
    }
}
