@testable import PolicyLanguage
import TestRandom
import WorkCalendar

/// Random trees and talents for property tests. Trees are built without positions; the tests
/// print and re-parse them to get real ones.
struct Generator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let words = ["A", "B", "C", "D", "E", "博士", "硕士", "本科", "X-GX", "500112", "青年拔尖人才",
                        "国家级荣誉", "两院院士", "正高级", "带\"引号", "反斜杠\\", "换行\n制表\t", "😀", ""]
    static let integers = [0, 1, 2, 3, 7, 12, 36, 40, 45, 100, 3_000, 1_000_000, Int.max, Int.max / 2, 4_611_686_018_427_387_904]

    private func node(_ kind: ExpressionKind) -> Expression { Expression(kind) }

    // MARK: Well-typed

    mutating func expression(of type: ValueType, depth: Int) -> Expression {
        switch type {
        case .boolean: return condition(depth)
        case .integer: return integer(depth)
        case .date: return date(depth)
        case .text: return text(depth)
        case .integerList, .dateList, .textList: return list(of: type.listElement!)
        }
    }

    /// Talents and literals draw dates from one small pool half the time, so equal values — the
    /// boundaries where `<` and `<=` differ — come up often.
    static let datePool: [LocalDate] = ["1980-06-30", "1980-07-01", "1985-02-28", "2000-02-29", "2000-03-01",
                                        "2020-12-31", "2021-01-01", "2021-01-31", "2022-07-01", "2024-02-29",
                                        "2025-06-30", "2025-07-01"].map { LocalDate($0)! }

    mutating func integerLiteral() -> Expression {
        switch rng.below(3) {
        case 0: return node(.integer(rng.below(61)))
        case 1: return node(.integer(rng.below(2_000_000)))
        default: return node(.integer(rng.pick(Generator.integers)))
        }
    }

    mutating func dateLiteral() -> LocalDate {
        if rng.chance(10) { return rng.chance(2) ? LocalDate(year: 1, month: 1, day: 1)! : LocalDate(year: 9999, month: 12, day: 31)! }
        if rng.chance(2) { return rng.pick(Generator.datePool) }
        return LocalDate(dayNumber: LocalDate(year: 1950, month: 1, day: 1)!.dayNumber + rng.below(80 * 365))
    }

    mutating func integer(_ depth: Int) -> Expression {
        if depth <= 0 || rng.chance(3) {
            if rng.chance(2) { return integerLiteral() }
            return node(.attribute(rng.pick([.age, .yearsSinceArrival, .monthsSinceArrival, .payouts, .paidTotal])))
        }
        switch rng.below(7) {
        case 0: return node(.negate(integer(depth - 1)))
        case 1, 2: return node(.arithmetic(rng.pick(ArithmeticOperator.allCases), integer(depth - 1), integer(depth - 1)))
        case 3: return node(.arithmetic(.minus, date(depth - 1), date(depth - 1)))
        case 4: return node(.conditional(condition(depth - 1), then: integer(depth - 1), else: integer(depth - 1)))
        case 5: return node(.call(.count, [rng.chance(2) ? node(.attribute(rng.pick([.categories, .honors]))) : list(of: rng.pick([.text, .integer, .date]))]))
        default:
            let count = 2 + rng.below(2)
            var arguments: [Expression] = []
            for _ in 0..<count { arguments.append(integer(depth - 1)) }
            return node(.call(rng.chance(2) ? .min : .max, arguments))
        }
    }

    mutating func date(_ depth: Int) -> Expression {
        if depth <= 0 || rng.chance(3) {
            if rng.chance(2) { return node(.date(dateLiteral())) }
            return node(.attribute(rng.pick([.arrivalDate, .birthDate, .certifiedOn, .tierValidUntil, .today])))
        }
        switch rng.below(4) {
        case 0: return node(.arithmetic(.plus, date(depth - 1), smallInteger(depth - 1)))
        case 1: return node(.arithmetic(.plus, smallInteger(depth - 1), date(depth - 1)))
        case 2: return node(.arithmetic(.minus, date(depth - 1), smallInteger(depth - 1)))
        default: return node(.conditional(condition(depth - 1), then: date(depth - 1), else: date(depth - 1)))
        }
    }

    /// Day offsets mostly in a plausible range, so date arithmetic usually succeeds.
    mutating func smallInteger(_ depth: Int) -> Expression {
        rng.chance(4) ? integer(depth) : node(.integer(rng.below(4_000)))
    }

    mutating func text(_ depth: Int) -> Expression {
        if depth <= 0 || rng.chance(2) {
            if rng.chance(2) { return node(.text(rng.pick(Generator.words))) }
            return node(.attribute(rng.pick([.tier, .education, .title, .field, .district])))
        }
        return node(.conditional(condition(depth - 1), then: text(depth - 1), else: text(depth - 1)))
    }

    mutating func list(of element: ValueType) -> Expression {
        let count = 1 + rng.below(4)
        var items: [Expression] = []
        for _ in 0..<count {
            switch element {
            case .integer: items.append(rng.chance(4) ? node(.negate(integerLiteral())) : integerLiteral())
            case .date: items.append(node(.date(dateLiteral())))
            default: items.append(node(.text(rng.pick(Generator.words))))
            }
        }
        return node(.list(items))
    }

    mutating func textList() -> Expression {
        rng.chance(2) ? node(.attribute(rng.pick([.categories, .honors]))) : list(of: .text)
    }

    mutating func condition(_ depth: Int) -> Expression {
        let d = depth - 1
        if depth <= 0 { return leafCondition(0) }
        switch rng.below(8) {
        case 0: return node(.not(condition(d)))
        case 1: return node(.all(conditions(d)))
        case 2: return node(.any(conditions(d)))
        case 3: return node(.conditional(condition(d), then: condition(d), else: condition(d)))
        default: return leafCondition(d)
        }
    }

    private mutating func conditions(_ depth: Int) -> [Expression] {
        var items: [Expression] = []
        for _ in 0..<(2 + rng.below(3)) { items.append(condition(depth)) }
        return items
    }

    mutating func leafCondition(_ depth: Int) -> Expression {
        switch rng.below(10) {
        case 0: return node(.boolean(rng.chance(2)))
        case 1, 2: return node(.comparison(rng.pick(ComparisonOperator.allCases), integer(depth), integer(depth)))
        case 3: return node(.comparison(rng.pick(ComparisonOperator.allCases), date(depth), date(depth)))
        case 4: return node(.comparison(rng.pick([.equal, .notEqual]), text(depth), text(depth)))
        case 5: return node(.membership(text(depth), textList(), negated: rng.chance(3)))
        case 6:
            let element: ValueType = rng.chance(2) ? .integer : .date
            return node(.membership(expression(of: element, depth: depth), list(of: element), negated: rng.chance(3)))
        case 7: return node(.noneTest(expression(of: rng.pick([.integer, .date, .text]), depth: depth), negated: rng.chance(2)))
        case 8: return node(.call(.any, [textList(), textList()]))
        default:
            if depth > 0 { return node(.comparison(rng.pick([.equal, .notEqual]), condition(depth - 1), condition(depth - 1))) }
            return node(.boolean(rng.chance(2)))
        }
    }

    // MARK: Ill-typed

    /// Any shape at all, types ignored: for "the checker answers, nothing traps".
    mutating func anything(_ depth: Int) -> Expression {
        if depth <= 0 || rng.chance(4) {
            switch rng.below(6) {
            case 0: return integerLiteral()
            case 1: return node(.text(rng.pick(Generator.words)))
            case 2: return node(.date(dateLiteral()))
            case 3: return node(.boolean(rng.chance(2)))
            default: return node(.attribute(rng.pick(Attribute.allCases)))
            }
        }
        let d = depth - 1
        switch rng.below(12) {
        case 0: return node(.negate(anything(d)))
        case 1: return node(.not(anything(d)))
        case 2: return node(.arithmetic(rng.pick(ArithmeticOperator.allCases), anything(d), anything(d)))
        case 3: return node(.comparison(rng.pick(ComparisonOperator.allCases), anything(d), anything(d)))
        case 4: return node(.membership(anything(d), anything(d), negated: rng.chance(2)))
        case 5: return node(.noneTest(anything(d), negated: rng.chance(2)))
        case 6: return node(.all([anything(d), anything(d)]))
        case 7: return node(.any([anything(d), anything(d), anything(d)]))
        case 8: return node(.conditional(anything(d), then: anything(d), else: anything(d)))
        case 9: return node(.list([anything(d), anything(d)]))
        case 10:
            var arguments: [Expression] = []
            for _ in 0..<rng.below(4) { arguments.append(anything(d)) }
            return node(.call(rng.pick(Function.allCases), arguments))
        default: return rng.chance(2) ? expression(of: .boolean, depth: d) : expression(of: .integer, depth: d)
        }
    }

    // MARK: Talents

    mutating func maybeDate(oneIn missing: Int = 6) -> LocalDate? {
        if rng.chance(missing) { return nil }
        if rng.chance(2) { return rng.pick(Generator.datePool) }
        return LocalDate(dayNumber: LocalDate(year: 1950, month: 1, day: 1)!.dayNumber + rng.below(80 * 365))
    }

    mutating func maybeWord(_ choices: [String]) -> String? {
        rng.chance(6) ? nil : rng.pick(choices)
    }

    mutating func words(_ choices: [String]) -> [String] {
        var result: [String] = []
        for _ in 0..<rng.below(3) { result.append(rng.pick(choices)) }
        return result
    }

    mutating func record() -> TalentRecord {
        let w = Generator.words
        return TalentRecord(
            tier: maybeWord(["A", "B", "C", "D", "E", "F"]), categories: words(w), honors: words(w),
            education: maybeWord(w), title: maybeWord(w), field: maybeWord(w), district: maybeWord(w),
            arrivalDate: maybeDate(), birthDate: maybeDate(), certifiedOn: maybeDate(oneIn: 2),
            tierValidUntil: maybeDate(oneIn: 2), payouts: rng.below(3),
            paidTotal: rng.chance(10) ? Int.max - rng.below(10) : rng.below(1_000_000))
    }

    mutating func evaluationDay() -> EvaluationDay {
        if rng.chance(3) { return EvaluationDay(rng.pick(Generator.datePool)) }
        return EvaluationDay(LocalDate(dayNumber: LocalDate(year: 1990, month: 1, day: 1)!.dayNumber + rng.below(45 * 365)))
    }

    // MARK: Text

    static let fragments = ["age", "tier", "categories", "honors", "arrival_date", "today", "and", "or", "not", "in",
                            "is", "none", "if", "then", "else", "true", "false", "any", "count", "min", "max",
                            "date", "(", ")", "[", "]", ",", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
                            "1_000", "45", "2021-01-01", "2021-02-30", "\"A\"", "\"青年拔尖人才\"", "\"", "\\",
                            "eligible:", "amount:", "period:", "once", "policy", "\n", "#", "年龄", "（", "==", "9999999999999999999",
                            "1.5", "10-5", ":", "\"\\u{4E2D}\"", "\"\\q\""]

    /// Token soup: mostly plausible pieces in random order, for "the front end never traps".
    mutating func soup() -> String {
        var parts: [String] = []
        for _ in 0..<(1 + rng.below(20)) { parts.append(rng.pick(Generator.fragments)) }
        return parts.joined(separator: rng.chance(5) ? "" : " ")
    }
}
