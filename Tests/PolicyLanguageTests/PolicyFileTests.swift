import Testing
@testable import PolicyLanguage

@Suite("Policy file format")
struct PolicyFileTests {
    @Test func sectionsInAnyOrderNameOptional() throws {
        let policy = try PolicyFile.parse("""
            # 没有名称的政策
            period: yearly
            amount: 1_000
            eligible:
                tier in ["A", "B"]
                and age < 60
            """)
        #expect(policy.name == nil)
        #expect(policy.period == .yearly)
        #expect(policy.conditions.count == 2)
        #expect(Printer.source(of: policy) == "eligible: tier in [\"A\", \"B\"] and age < 60\namount: 1000\nperiod: yearly\n")
    }

    @Test func examplesParseWithTheirNames() throws {
        let names = try ExamplePolicies.all.map { try PolicyFile.parse($0).name }
        #expect(names == ["安家补贴", "博士生活补贴", "青年拔尖人才科研启动经费"])
        let periods = try ExamplePolicies.all.map { try PolicyFile.parse($0).period }
        #expect(periods == [.once, .monthly, .once])
    }

    @Test func conditionsAreTheTopLevelConjuncts() throws {
        let policy = try PolicyFile.parse("eligible: age < 45\namount: 1\nperiod: once")
        #expect(policy.conditions == [policy.eligible])
        let grouped = try PolicyFile.parse("eligible: (age < 45 and age > 1) or false\namount: 1\nperiod: once")
        #expect(grouped.conditions.count == 1)
    }

    @Test func keywordsAreReserved() {
        #expect(policyError("eligible: amount > 1\namount: 1\nperiod: once")?.problem ==
            .expected(Bilingual("表达式", "an expression"), found: Bilingual("\"amount\"", "\"amount\"")))
    }

    @Test func policyNameMustBeText() {
        #expect(policyError("policy 安家补贴")?.problem == .unexpectedCharacter("\"安\""))
        #expect(policyError("policy x")?.problem ==
            .expected(Bilingual("带引号的政策名称", "the policy name in quotes"), found: Bilingual("\"x\"", "\"x\"")))
    }
}
