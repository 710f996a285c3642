import TestRandom
import Testing
@testable import PolicyLanguage
import WorkCalendar

/// The bulk path (`CompiledPolicy.decide(_:on:into:)`, one condition at a time over blocks of
/// talents) must give, for every talent, exactly the decision of `decide(at:on:)` — the same
/// refused condition, the same error at the same place — and so of the reference evaluator.
@Suite("Bulk evaluation equals one talent at a time")
struct BulkEvaluationTests {
    /// Bulk decisions for `subjects`, written into uninitialised memory as callers may.
    static func bulk(_ compiled: CompiledPolicy, _ subjects: [Subject], on day: EvaluationDay) -> [Decision] {
        subjects.withUnsafeBufferPointer { registry in
            let out = UnsafeMutableBufferPointer<Decision>.allocate(capacity: registry.count)
            defer { out.deallocate() }
            compiled.decide(registry, on: day, into: out)
            return Array(out)
        }
    }

    /// Checks every talent of the bulk run against `decide(at:on:)`, and the first `referenced`
    /// against the reference evaluator; returns how many of each kind of decision there were.
    @discardableResult
    static func check(_ policy: Policy, _ compiled: CompiledPolicy, _ records: [TalentRecord], _ subjects: [Subject],
                      on day: EvaluationDay, referenced: Int = .max,
                      sourceLocation: SourceLocation = #_sourceLocation) -> [String: Int] {
        let decisions = bulk(compiled, subjects, on: day)
        var kinds: [String: Int] = [:]
        var wrong = 0
        subjects.withUnsafeBufferPointer { registry in
            for i in registry.indices {
                let one = compiled.decide(at: registry.baseAddress! + i, on: day)
                if decisions[i] != one {
                    wrong += 1
                    if wrong <= 3 {
                        Issue.record("bulk \(decisions[i]) but one by one \(one) for \(records[i]) on \(day.date) in \(Printer.source(of: policy))",
                                     sourceLocation: sourceLocation)
                    }
                }
                if i < referenced {
                    let expected = policy.decide(records[i], on: day)
                    #expect(decisions[i] == expected, "reference \(expected) for \(records[i])", sourceLocation: sourceLocation)
                }
                switch decisions[i] {
                case .eligible: kinds["eligible", default: 0] += 1
                case .notEligible(let c): kinds["notEligible(\(c))", default: 0] += 1
                case .alreadyPaid: kinds["alreadyPaid", default: 0] += 1
                case .failed: kinds["failed", default: 0] += 1
                }
            }
        }
        #expect(wrong == 0, "\(wrong) of \(subjects.count) bulk decisions differ", sourceLocation: sourceLocation)
        return kinds
    }

    static func talents(_ generator: inout Generator, _ count: Int, _ texts: inout TextTable) -> ([TalentRecord], [Subject]) {
        var records: [TalentRecord] = []
        for _ in 0..<count { records.append(generator.record()) }
        return (records, records.map { Subject($0, texts: &texts) })
    }

    // MARK: The example policies

    @Test(arguments: [0, 1, 2, 1_023, 1_024, 1_025, 3_000])
    func examplePoliciesOverRandomTalents(count: Int) throws {
        var texts = TextTable()
        let policies = try ExamplePolicies.all.map { try PolicyFile.parse($0) }
        let compiled = try policies.map { try Compiler.compile($0, texts: &texts) }
        var generator = Generator(seed: 10_000 + UInt64(count))
        let (records, subjects) = Self.talents(&generator, count, &texts)
        for day in [standardDay, EvaluationDay(day("2025-07-01")), generator.evaluationDay(), generator.evaluationDay()] {
            for (policy, code) in zip(policies, compiled) {
                Self.check(policy, code, records, subjects, on: day, referenced: 600)
            }
        }
    }

    /// Talents shaped like the benchmark's (and the registry's): most refused, some eligible,
    /// some already paid, every example policy reaching its amount.
    @Test func examplePoliciesOverPlausibleTalents() throws {
        var texts = TextTable()
        let policies = try ExamplePolicies.all.map { try PolicyFile.parse($0) }
        let compiled = try policies.map { try Compiler.compile($0, texts: &texts) }
        var rng = SplitMix64(seed: 11_000)
        func date(_ year: Int, _ years: Int) -> LocalDate {
            LocalDate(dayNumber: LocalDate(year: year, month: 1, day: 1)!.dayNumber + rng.below(years * 365))
        }
        var records: [TalentRecord] = []
        for _ in 0..<5_000 {
            records.append(TalentRecord(
                tier: rng.chance(6) ? nil : rng.pick(["A", "B", "C", "D", "E"]),
                categories: rng.chance(3) ? [rng.pick(["青年拔尖人才", "高层次人才"])] + (rng.chance(5) ? ["技能人才"] : []) : [],
                honors: rng.chance(4) ? [rng.pick(["国家级荣誉", "省部级荣誉"])] : [],
                education: rng.pick(["博士", "硕士", "本科"]), district: rng.pick(["X-GX", "500112"]),
                arrivalDate: rng.chance(20) ? nil : date(2019, 7), birthDate: rng.chance(20) ? nil : date(1975, 30),
                payouts: rng.chance(8) ? 1 + rng.below(2) : 0))
        }
        let subjects = records.map { Subject($0, texts: &texts) }
        for (policy, code) in zip(policies, compiled) {
            let kinds = Self.check(policy, code, records, subjects, on: standardDay)
            #expect(kinds["eligible", default: 0] > 10, "\(kinds)")
            #expect(kinds.keys.contains { $0.hasPrefix("notEligible(0)") }, "\(kinds)")
            if policy.period == .once { #expect(kinds["alreadyPaid", default: 0] > 100, "\(kinds)") }
        }
    }

    /// A slice of the registry that starts mid-array decides like the whole.
    @Test func slicesDecideLikeTheWhole() throws {
        var texts = TextTable()
        let policy = try Compiler.compile(try PolicyFile.parse(ExamplePolicies.youngTalentStartUp), texts: &texts)
        var generator = Generator(seed: 12_000)
        let (_, subjects) = Self.talents(&generator, 2_500, &texts)
        let whole = Self.bulk(policy, subjects, on: standardDay)
        subjects.withUnsafeBufferPointer { registry in
            for (start, end) in [(0, 0), (7, 1_031), (1_000, 2_500), (2_499, 2_500)] {
                let out = UnsafeMutableBufferPointer<Decision>.allocate(capacity: end - start)
                defer { out.deallocate() }
                policy.decide(UnsafeBufferPointer(rebasing: registry[start..<end]), on: standardDay, into: out)
                #expect(Array(out) == Array(whole[start..<end]))
            }
        }
    }

    // MARK: Tricky policies

    static let trickyConditions = [
        // Errors in later conditions: only for talents that got that far.
        #"tier in ["A", "B", "C", "D"] and 100 / payouts > 10 and age < 45"#,
        "age < 60 and paid_total + 9223372036854775807 > 0",
        "arrival_date <= today and arrival_date + paid_total > 2021-01-01",
        "birth_date is not none and -(paid_total - 9223372036854775807 - 1) > 0",
        // or / not / if, nested and.
        #"(age < 40 or "国家级荣誉" in honors) and not (tier = "A")"#,
        #"not age > 40 and not "青年拔尖人才" in categories"#,
        #"(tier = "A" and age < 50) or (tier = "B" and 1000 / (age - 40) > 1)"#,
        #"if tier = "A" then age < 45 else years_since_arrival < 3"#,
        #"tier in ["A", "B"] and (education = "博士" and (district = "X-GX" or payouts = 0))"#,
        // Literals on the left, today on either side.
        "45 > age and 2021-01-01 <= arrival_date and today >= arrival_date",
        "today < tier_valid_until and certified_on <= today and birth_date != today",
        "arrival_date = today or birth_date > today or certified_on >= today",
        // Missing values: != and not in hold, the rest fail.
        #"tier != "A" and education not in ["博士", "硕士"] and district is not none"#,
        #""A" = tier or "X-GX" != district"#,
        #"title = "正高级" or field != "😀" and "国家级荣誉" not in honors"#,
        // Derived years and months at and past every boundary.
        "years_since_arrival = 3 or years_since_arrival != 4 and age = 44",
        "age <= 44 and age >= 18 and age != 30 and years_since_arrival > 0",
        "age < 9223372036854775807 and age > -9223372036854775807 and years_since_arrival >= -1",
        "years_since_arrival <= -1 or age = 0 or age >= 1000000000 or years_since_arrival < -9223372036854775807",
        "months_since_arrival >= 36 and months_since_arrival != 41 and payouts = 0",
        // Dates at the ends of the calendar.
        "arrival_date < 0001-01-01 or arrival_date > 9999-12-31 or birth_date >= 0001-01-01",
        "certified_on = 2021-01-01 or tier_valid_until != 2025-06-30 and birth_date <= 9999-12-31",
        // Lists: empty, several elements, both lists.
        #""青年拔尖人才" in categories and "两院院士" not in honors and count(honors) <= 1"#,
        #"any(honors, ["国家级荣誉", "两院院士"]) or any(categories, honors)"#,
        // Counters and constants.
        "payouts = 0 and paid_total < 500000 and paid_total != 0",
        "true and today = 2025-06-30 and false",
        "payouts != 1 and payouts >= 0 and paid_total > -1",
    ]

    static let trickyAmounts = [
        "300_000", "-5", "0 - 5", "paid_total * 2", "100 / payouts", "age * 1000", "count(categories) * 1000",
        #"if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000"#,
        "max(paid_total, 1) + 9223372036854775807", "min(age, years_since_arrival, 30) * 100",
        "(today - arrival_date) * 10",
    ]

    @Test func trickyPoliciesDecideAlike() throws {
        var generator = Generator(seed: 13_000)
        var texts = TextTable()
        let (records, subjects) = Self.talents(&generator, 1_100, &texts)
        var seen: [String: Int] = [:]
        for (n, condition) in Self.trickyConditions.enumerated() {
            for (m, amount) in Self.trickyAmounts.enumerated() where (n + m) % 3 == 0 || m == 0 {
                let period = (n + m) % 2 == 0 ? "once" : "monthly"
                let policy = try PolicyFile.parse("eligible: \(condition)\namount: \(amount)\nperiod: \(period)")
                let compiled = try Compiler.compile(policy, texts: &texts)
                for day in [standardDay, EvaluationDay(day("2021-01-01")), generator.evaluationDay()] {
                    let kinds = Self.check(policy, compiled, records, subjects, on: day, referenced: 150)
                    seen.merge(kinds) { $0 + $1 }
                }
            }
        }
        for kind in ["eligible", "alreadyPaid", "failed", "notEligible(0)", "notEligible(1)", "notEligible(2)", "notEligible(3)"] {
            #expect(seen[kind, default: 0] > 0, "no \(kind) among \(seen)")
        }
    }

    /// Errors raised in a later condition carry that condition's operator position.
    @Test func errorsInLaterConditionsKeepTheirPlace() throws {
        var texts = TextTable()
        let policy = try PolicyFile.parse(#"eligible: tier in ["A"] and 100 / payouts > 10"# + "\namount: 1\nperiod: monthly")
        let compiled = try Compiler.compile(policy, texts: &texts)
        let records = [TalentRecord(tier: "A"), TalentRecord(tier: "B"), TalentRecord(tier: "A", payouts: 5),
                       TalentRecord(tier: "A", payouts: 20), TalentRecord()]
        let subjects = records.map { Subject($0, texts: &texts) }
        let decisions = Self.bulk(compiled, subjects, on: standardDay)
        #expect(decisions == [.failed(EvaluationError(.divisionByZero, at: SourcePosition(line: 1, column: 33))),
                              .notEligible(condition: 0), .eligible(amount: 1), .notEligible(condition: 1),
                              .notEligible(condition: 0)])
        Self.check(policy, compiled, records, subjects, on: standardDay)
    }

    /// Texts interned in any order: ids above 64 take the general set test, and talents' ids
    /// above a small set's mask are simply not in it.
    @Test func largeTextIdsInSetsAndTalents() throws {
        let source = #"eligible: tier in ["A", "B", "C"] and district not in ["X-GX", "500112"] and education != "博士""#
            + "\namount: 1\nperiod: once"
        let policy = try PolicyFile.parse(source)
        var generator = Generator(seed: 14_000)
        var records: [TalentRecord] = []
        for _ in 0..<1_500 { records.append(generator.record()) }

        var late = TextTable()  // literals after 100 other texts
        for i in 0..<100 { _ = late.intern("填充\(i)") }
        let lateCompiled = try Compiler.compile(policy, texts: &late)
        Self.check(policy, lateCompiled, records, records.map { Subject($0, texts: &late) }, on: standardDay)

        var early = TextTable()  // literals first, talents' texts after 100 others
        let earlyCompiled = try Compiler.compile(policy, texts: &early)
        for i in 0..<100 { _ = early.intern("填充\(i)") }
        Self.check(policy, earlyCompiled, records, records.map { Subject($0, texts: &early) }, on: standardDay)
    }

    // MARK: Random policies

    /// Conditions in the shapes the bulk path specialises (attribute against literal or
    /// `today`, in either order; sets; lists), so that random policies exercise them.
    static func simpleCondition(_ g: inout Generator) -> Expression {
        func node(_ kind: ExpressionKind) -> Expression { Expression(kind) }
        let op = g.rng.pick(ComparisonOperator.allCases)
        var (left, right): (Expression, Expression)
        switch g.rng.below(7) {
        case 0:
            left = node(.attribute(g.rng.pick([.age, .yearsSinceArrival, .monthsSinceArrival, .payouts, .paidTotal])))
            right = g.rng.chance(2) ? node(.integer(g.rng.below(60))) : g.integerLiteral()
            if g.rng.chance(4) { right = node(.negate(node(.integer(g.rng.below(5))))) }
        case 1:
            left = node(.attribute(g.rng.pick([.arrivalDate, .birthDate, .certifiedOn, .tierValidUntil])))
            right = g.rng.chance(3) ? node(.attribute(.today)) : node(.date(g.dateLiteral()))
        case 2:
            left = node(.attribute(g.rng.pick([.tier, .education, .title, .field, .district])))
            right = node(.text(g.rng.pick(Generator.words)))
            if g.rng.chance(3) { swap(&left, &right) }
            return node(.comparison(g.rng.chance(2) ? .equal : .notEqual, left, right))
        case 3:
            let element = node(.attribute(g.rng.pick([.tier, .education, .title, .field, .district])))
            return node(.membership(element, g.list(of: .text), negated: g.rng.chance(3)))
        case 4:
            let list = node(.attribute(g.rng.pick([.categories, .honors])))
            return node(.membership(node(.text(g.rng.pick(Generator.words))), list, negated: g.rng.chance(3)))
        case 5:
            return node(.noneTest(node(.attribute(g.rng.pick([.tier, .arrivalDate, .age]))), negated: g.rng.chance(2)))
        default:
            left = node(.attribute(.today))
            right = node(.date(g.dateLiteral()))
        }
        if g.rng.chance(3) { swap(&left, &right) }
        return node(.comparison(op, left, right))
    }

    @Test(arguments: 0..<4)
    func randomPoliciesDecideAlike(seed: UInt64) throws {
        var generator = Generator(seed: 15_000 + seed)
        var texts = TextTable()
        let (records, subjects) = Self.talents(&generator, 1_100, &texts)
        var seen: [String: Int] = [:]
        for _ in 0..<60 {
            var conditions: [Expression] = []
            for _ in 0..<(1 + generator.rng.below(5)) {
                conditions.append(generator.rng.chance(2) ? Self.simpleCondition(&generator)
                                                          : generator.condition(1 + generator.rng.below(3)))
            }
            let eligible = conditions.count == 1 ? conditions[0] : Expression(.all(conditions))
            let amount = generator.integer(generator.rng.below(3))
            let period = generator.rng.pick(Period.allCases)
            let source = Printer.source(of: Policy(name: "随机", eligible: eligible, amount: amount, period: period))
            let policy = try PolicyFile.parse(source)
            let compiled = try Compiler.compile(policy, texts: &texts)
            let day = generator.evaluationDay()
            seen.merge(Self.check(policy, compiled, records, subjects, on: day, referenced: 100)) { $0 + $1 }
        }
        for kind in ["eligible", "alreadyPaid", "failed", "notEligible(0)", "notEligible(1)"] {
            #expect(seen[kind, default: 0] > 0, "no \(kind) among \(seen)")
        }
    }

    // MARK: Ranges

    /// A range test as `PackedIn` makes it: never for a missing date (0), unless negated.
    static func inRange(_ bounds: (IntRange, negated: Bool), _ packed: Int) -> Bool {
        (bounds.0.contains(packed) && packed != 0) != bounds.negated
    }

    static func expected(_ op: ComparisonOperator, _ a: Int, _ b: Int) -> Bool { op.expected(a, b) }

    /// The range a derived-years or date comparison becomes agrees with computing the years,
    /// for ordinary dates, dates outside 0001–9999 and extreme literals.
    @Test func rangesAgreeWithTheCalendar() {
        var generator = Generator(seed: 16_000)
        let extremes = [Int.min, Int.min + 1, -1_000_001, -10_001, -1, 0, 1, 10_001, 1_000_001, Int.max - 1, Int.max]
        let odd = [-800_000, -719_500, 3_000_000, 60_000_000].map { CalendarMath.packed(LocalDate(dayNumber: $0)) }
        for n in 0..<3_000 {
            let start = n % 10 == 0 ? generator.rng.pick(odd)
                                    : CalendarMath.packed(generator.maybeDate(oneIn: 1_000_000) ?? day("2000-01-01"))
            let today = n % 7 == 0 ? generator.rng.pick(odd) : generator.evaluationDay().packed
            let years = CalendarMath.fullYears(fromPacked: start, toPacked: today)
            for c in [years - 2, years - 1, years, years + 1, years + 2, generator.rng.pick(extremes)] {
                for op in ComparisonOperator.allCases {
                    #expect(Self.inRange(IntRange.years(op, c, today: today), start) == Self.expected(op, years, c),
                            "\(start) → \(today): \(years) \(op.rawValue) \(c)")
                    // Missing: only != holds.
                    #expect(Self.inRange(IntRange.years(op, c, today: today), 0) == (op == .notEqual))
                    let date = [start - 1, start, start + 1, today, generator.rng.pick(extremes)][n % 5]
                    #expect(Self.inRange(IntRange.date(op, date), start) == Self.expected(op, start, date),
                            "\(start) \(op.rawValue) \(date)")
                    #expect(Self.inRange(IntRange.date(op, date), 0) == (op == .notEqual))
                    if let (range, negated) = IntRange.comparison(op, c) {
                        #expect((range.contains(years) != negated) == Self.expected(op, years, c))
                    } else {
                        #expect(!Self.expected(op, years, c))
                    }
                }
            }
        }
    }

    /// Talents with dates outside 0001–9999 (which `LocalDate(dayNumber:)` can make) decide in
    /// bulk as one at a time.
    @Test func datesOutsideTheUsualYears() throws {
        var texts = TextTable()
        let days = [-800_000, -719_500, -719_162, 0, 20_000, 2_932_896, 3_000_000, 60_000_000]
        var subjects: [Subject] = []
        var records: [TalentRecord] = []
        for arrival in days {
            for birth in days {
                let record = TalentRecord(tier: "A", arrivalDate: LocalDate(dayNumber: arrival), birthDate: LocalDate(dayNumber: birth))
                records.append(record)
                subjects.append(Subject(record, texts: &texts))
            }
        }
        let conditions = ["age < 45", "age >= -3", "years_since_arrival = 0", "years_since_arrival != 2",
                          "arrival_date < 2021-01-01", "birth_date >= 0001-01-01", "arrival_date <= today",
                          "today > birth_date", "months_since_arrival >= 36", "age > 9223372036854775806"]
        for condition in conditions {
            let policy = try PolicyFile.parse("eligible: \(condition)\namount: 1\nperiod: monthly")
            let compiled = try Compiler.compile(policy, texts: &texts)
            for day in days.map({ EvaluationDay(LocalDate(dayNumber: $0)) }) {
                Self.check(policy, compiled, records, subjects, on: day, referenced: 0)
            }
        }
    }

    /// The list summary a talent carries follows its lists through every kind of change.
    @Test func listSummariesFollowTheLists() throws {
        var texts = TextTable()
        let source = #"eligible: "青年拔尖人才" in categories or "国家级荣誉" not in honors"# + "\namount: 1\nperiod: monthly"
        let policy = try PolicyFile.parse(source)
        let compiled = try Compiler.compile(policy, texts: &texts)
        var generator = Generator(seed: 17_000)
        for _ in 0..<40 { _ = texts.intern(generator.rng.pick(Generator.words) + String(generator.rng.below(100))) }
        var (_, subjects) = Self.talents(&generator, 600, &texts)
        let young = texts.intern("青年拔尖人才"), national = texts.intern("国家级荣誉")
        for i in subjects.indices {
            switch i % 6 {
            case 0: subjects[i].categories.append(young)
            case 1: subjects[i].categories = []
            case 2: subjects[i].honors.append(national)
            case 3: subjects[i].honors.removeAll()
            case 4: subjects[i].categories = [TextID(raw: Int32(15 + i % 40)), young]
            default: subjects[i].honors.insert(TextID(raw: Int32(i % 70)), at: 0)
            }
        }
        let records = subjects.map { TalentRecord($0, texts: texts) }
        Self.check(policy, compiled, records, subjects, on: standardDay)
        for subject in subjects {
            #expect(subject.categoriesSummary == ListSummary.of(subject.categories))
            #expect(subject.honorsSummary == ListSummary.of(subject.honors))
        }
    }
}
