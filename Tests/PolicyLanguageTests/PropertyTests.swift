import Testing
@testable import PolicyLanguage
import WorkCalendar

/// Seeded random testing: fixed seeds, so a failure names a case that replays exactly.
@Suite("Properties over random trees, talents and text")
struct PropertyTests {
    static let types: [ValueType] = [.boolean, .boolean, .boolean, .integer, .integer, .date, .text]

    /// print → parse gives the same tree, and printing that again gives the same text.
    private func roundTrip(_ e: Expression, sourceLocation: SourceLocation = #_sourceLocation) -> Expression? {
        let printed = Printer.source(of: e)
        do {
            let again = try PolicyFile.parseUnchecked(printed)
            #expect(again == e, "round trip changed \(printed)", sourceLocation: sourceLocation)
            #expect(Printer.source(of: again) == printed, sourceLocation: sourceLocation)
            return again
        } catch {
            Issue.record("printed tree does not parse: \(printed): \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Both evaluators over several talents: same value or same error at the same place.
    private func agree(_ e: Expression, _ generator: inout Generator, talents: Int) throws -> Int {
        var texts = TextTable()
        let code = try Compiler.compile(e, texts: &texts)
        var checked = 0
        for _ in 0..<talents {
            let record = generator.record()
            let day = generator.evaluationDay()
            let expected = reference(e, record, day)
            let actual: Outcome
            do {
                actual = .value(try code.evaluate(Subject(record, texts: &texts), on: day, texts: texts))
            } catch {
                actual = .error(error.kind, error.position)
            }
            #expect(actual == expected, "\(Printer.source(of: e)) on \(record) at \(day.date)")
            if actual != expected { return checked }
            checked += 1
        }
        return checked
    }

    @Test(arguments: 0..<8)
    func wellTypedTreesCheckRoundTripAndEvaluateAlike(seed: UInt64) throws {
        var generator = Generator(seed: 1_000 + seed)
        var evaluations = 0
        for _ in 0..<400 {
            let type = generator.rng.pick(Self.types)
            let tree = generator.expression(of: type, depth: 1 + generator.rng.below(5))
            #expect(try TypeChecker.type(of: tree) == type, "\(Printer.source(of: tree))")
            guard let parsed = roundTrip(tree) else { continue }
            #expect(try TypeChecker.type(of: parsed) == type)
            evaluations += try agree(parsed, &generator, talents: 8)
        }
        #expect(evaluations == 400 * 8)
    }

    @Test(arguments: 0..<4)
    func illTypedTreesAreRejectedOrEvaluatedNeverTrapped(seed: UInt64) throws {
        var generator = Generator(seed: 2_000 + seed)
        var rejected = 0
        for _ in 0..<500 {
            let tree = generator.anything(1 + generator.rng.below(4))
            guard let parsed = roundTrip(tree) else { continue }
            do {
                _ = try TypeChecker.type(of: parsed)
            } catch {
                rejected += 1
                #expect(error.position.line == 1 && error.position.column >= 1, "\(error)")
                #expect(!error.chinese.isEmpty && !error.english.isEmpty)
                // The compiler refuses what the checker refuses, with the same error.
                var texts = TextTable()
                #expect(throws: error) { _ = try Compiler.compile(parsed, texts: &texts) }
                continue
            }
            _ = try agree(parsed, &generator, talents: 4)
        }
        #expect(rejected > 100, "the generator should mostly build ill-typed trees")
    }

    @Test(arguments: 0..<4)
    func randomPoliciesDecideAndExplainAlike(seed: UInt64) throws {
        var generator = Generator(seed: 3_000 + seed)
        var outcomes: [String: Int] = [:]
        for _ in 0..<150 {
            var conditions: [Expression] = []
            for _ in 0..<(1 + generator.rng.below(4)) { conditions.append(generator.condition(1 + generator.rng.below(3))) }
            let eligible = conditions.count == 1 ? conditions[0] : Expression(.all(conditions))
            let amount = generator.integer(generator.rng.below(3))
            let period = generator.rng.pick(Period.allCases)
            let source = Printer.source(of: Policy(name: "随机", eligible: eligible, amount: amount, period: period))
            let policy = try PolicyFile.parse(source)
            var texts = TextTable()
            let compiled = try Compiler.compile(policy, texts: &texts)
            for _ in 0..<12 {
                let record = generator.record()
                let day = generator.evaluationDay()
                let expected = policy.decide(record, on: day)
                #expect(compiled.decide(Subject(record, texts: &texts), on: day) == expected, "\(source)")
                let explanation = policy.explain(record, on: day)
                #expect(explanation.decision == expected)
                switch expected {
                case .eligible: outcomes["eligible", default: 0] += 1
                    #expect(!explanation.met.isEmpty)
                case .notEligible, .alreadyPaid: outcomes["not eligible", default: 0] += 1
                    #expect(explanation.unmet != nil)
                case .failed: outcomes["failed", default: 0] += 1
                }
            }
        }
        #expect(outcomes.count == 3, "every kind of outcome should occur: \(outcomes)")
    }

    @Test(arguments: 0..<4)
    func arbitraryTextNeverTrapsTheFrontEnd(seed: UInt64) {
        var generator = Generator(seed: 4_000 + seed)
        for _ in 0..<1_000 {
            let source = generator.soup()
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
            for wrapped in [source, "eligible: " + source + "\namount: 1\nperiod: once"] {
                let error = policyError(wrapped)
                if let error {
                    #expect(error.position.line >= 1 && error.position.line <= lines + 3, "\(wrapped): \(error)")
                    #expect(error.position.column >= 1)
                }
            }
            _ = expressionError(source)
        }
    }

    @Test func derivedAttributesAgreeWithTheCalendar() throws {
        var generator = Generator(seed: 5_000)
        let attributes = ["age", "years_since_arrival", "months_since_arrival", "today - birth_date"]
        let trees = try attributes.map { try PolicyFile.parseExpression($0).0 }
        for _ in 0..<5_000 {
            let record = TalentRecord(arrivalDate: generator.maybeDate(oneIn: 20), birthDate: generator.maybeDate(oneIn: 20))
            let day = generator.evaluationDay()
            for tree in trees {
                let expected = reference(tree, record, day)
                #expect(try compiled(tree, record, day) == expected)
            }
            // Independent check of "full years" against a plain count of anniversaries.
            if let birth = record.birthDate, case .value(.integer(let age)) = reference(trees[0], record, day) {
                var anniversaries = day.date.year - birth.year
                if (day.date.month, day.date.day) < (birth.month, birth.day) { anniversaries -= 1 }
                #expect(age == anniversaries)
            }
        }
    }
}
