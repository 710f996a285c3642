import WorkCalendar

/// The reference interpreter: walks the tree over a `TalentRecord`, with plain strings and
/// dates. It is the definition of the language's meaning — slow and obvious on purpose — and
/// the compiled evaluator is tested against it. Explanations use it to read current values.
///
/// Evaluation order is part of the meaning (it decides which error is reported): operands left
/// to right, all of them, except that `and`, `or` and `if` skip what they do not need.
public struct ReferenceEvaluator: Sendable {
    public let record: TalentRecord
    public let day: EvaluationDay

    public init(record: TalentRecord, day: EvaluationDay) {
        self.record = record
        self.day = day
    }

    public func value(of attribute: Attribute) -> Value {
        func text(_ t: String?) -> Value { t.map(Value.text) ?? .missing }
        func date(_ d: LocalDate?) -> Value { d.map(Value.date) ?? .missing }
        let today = day.date
        switch attribute {
        case .tier: return text(record.tier)
        case .categories: return .textList(record.categories)
        case .honors: return .textList(record.honors)
        case .education: return text(record.education)
        case .title: return text(record.title)
        case .field: return text(record.field)
        case .district: return text(record.district)
        case .arrivalDate: return date(record.arrivalDate)
        case .birthDate: return date(record.birthDate)
        case .certifiedOn: return date(record.certifiedOn)
        case .tierValidUntil: return date(record.tierValidUntil)
        case .payouts: return .integer(record.payouts)
        case .paidTotal: return .integer(record.paidTotal)
        case .today: return .date(today)
        case .age:
            guard let birth = record.birthDate else { return .missing }
            return .integer(CalendarMath.floorDivide(CalendarMath.fullMonths(from: birth, to: today), 12))
        case .monthsSinceArrival:
            guard let arrival = record.arrivalDate else { return .missing }
            return .integer(CalendarMath.fullMonths(from: arrival, to: today))
        case .yearsSinceArrival:
            guard let arrival = record.arrivalDate else { return .missing }
            return .integer(CalendarMath.floorDivide(CalendarMath.fullMonths(from: arrival, to: today), 12))
        }
    }

    public func evaluate(_ e: Expression) throws(EvaluationError) -> Value {
        switch e.kind {
        case .integer(let v): return .integer(v)
        case .text(let v): return .text(v)
        case .date(let v): return .date(v)
        case .boolean(let v): return .boolean(v)
        case .attribute(let a): return value(of: a)
        case .list(let items):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return Self.list(values)

        case .negate(let operand):
            guard case .integer(let v) = try evaluate(operand) else { return .missing }
            let (result, overflow) = (0).subtractingReportingOverflow(v)
            if overflow { throw EvaluationError(.overflow, at: e.position) }
            return .integer(result)

        case .not(let operand):
            return .boolean(!(try condition(operand)))

        case .all(let items):
            for item in items where !(try condition(item)) { return .boolean(false) }
            return .boolean(true)

        case .any(let items):
            for item in items where try condition(item) { return .boolean(true) }
            return .boolean(false)

        case .arithmetic(let op, let left, let right):
            let l = try evaluate(left)
            let r = try evaluate(right)
            return try arithmetic(op, l, r, at: e.position)

        case .comparison(let op, let left, let right):
            let l = try evaluate(left)
            let r = try evaluate(right)
            return .boolean(Self.compare(op, l, r))

        case .membership(let element, let list, let negated):
            let x = try evaluate(element)
            let xs = try evaluate(list)
            return .boolean(Self.contains(xs, x) != negated)

        case .noneTest(let operand, let negated):
            return .boolean(try evaluate(operand).isMissing != negated)

        case .conditional(let c, let whenTrue, let whenFalse):
            return try condition(c) ? evaluate(whenTrue) : evaluate(whenFalse)

        case .call(let function, let arguments):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try call(function, values, at: e.position)
        }
    }

    public func condition(_ e: Expression) throws(EvaluationError) -> Bool {
        // A checked condition is always a recorded boolean: comparisons with missing values
        // are false rather than missing, so `not` and `and`/`or` stay two-valued.
        if case .boolean(let b) = try evaluate(e) { return b }
        return false
    }

    private func arithmetic(_ op: ArithmeticOperator, _ l: Value, _ r: Value, at position: SourcePosition) throws(EvaluationError) -> Value {
        switch (l, r) {
        case (.integer(let a), .integer(let b)):
            let result: (partialValue: Int, overflow: Bool)
            switch op {
            case .plus: result = a.addingReportingOverflow(b)
            case .minus: result = a.subtractingReportingOverflow(b)
            case .times: result = a.multipliedReportingOverflow(by: b)
            case .dividedBy:
                if b == 0 { throw EvaluationError(.divisionByZero, at: position) }
                result = a.dividedReportingOverflow(by: b)
            }
            if result.overflow { throw EvaluationError(.overflow, at: position) }
            return .integer(result.partialValue)
        case (.date(let d), .integer(let n)), (.integer(let n), .date(let d)):
            var days = n
            if op == .minus {
                let (negated, overflow) = (0).subtractingReportingOverflow(n)
                if overflow { throw EvaluationError(.overflow, at: position) }
                days = negated
            }
            do {
                return .date(try CalendarMath.shift(d, by: days))
            } catch .overflow {
                throw EvaluationError(.overflow, at: position)
            } catch {
                throw EvaluationError(.dateOutOfRange, at: position)
            }
        case (.date(let a), .date(let b)):
            return .integer(a.dayNumber - b.dayNumber)
        default:
            return .missing
        }
    }

    static func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value) -> Bool {
        if op == .notEqual { return !compare(.equal, l, r) }
        if l.isMissing || r.isMissing { return false }
        switch (l, r) {
        case (.integer(let a), .integer(let b)): return ordered(op, a, b)
        case (.date(let a), .date(let b)): return ordered(op, a, b)
        case (.text(let a), .text(let b)): return op == .equal && a == b
        case (.boolean(let a), .boolean(let b)): return op == .equal && a == b
        default: return false
        }
    }

    private static func ordered<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }

    static func contains(_ list: Value, _ x: Value) -> Bool {
        switch (list, x) {
        case (.integerList(let items), .integer(let v)): return items.contains(v)
        case (.dateList(let items), .date(let v)): return items.contains(v)
        case (.textList(let items), .text(let v)): return items.contains(v)
        default: return false
        }
    }

    static func list(_ values: [Value]) -> Value {
        var integers: [Int] = [], dates: [LocalDate] = [], texts: [String] = []
        for value in values {
            switch value {
            case .integer(let v): integers.append(v)
            case .date(let v): dates.append(v)
            case .text(let v): texts.append(v)
            default: break
            }
        }
        if !dates.isEmpty { return .dateList(dates) }
        if !texts.isEmpty { return .textList(texts) }
        return .integerList(integers)
    }

    private func call(_ function: Function, _ values: [Value], at position: SourcePosition) throws(EvaluationError) -> Value {
        switch function {
        case .any:
            guard values.count == 2 else { return .missing }
            switch (values[0], values[1]) {
            case (.textList(let a), .textList(let b)): return .boolean(a.contains { b.contains($0) })
            case (.integerList(let a), .integerList(let b)): return .boolean(a.contains { b.contains($0) })
            case (.dateList(let a), .dateList(let b)): return .boolean(a.contains { b.contains($0) })
            default: return .boolean(false)
            }
        case .count:
            switch values.first {
            case .textList(let a): return .integer(a.count)
            case .integerList(let a): return .integer(a.count)
            case .dateList(let a): return .integer(a.count)
            default: return .missing
            }
        case .min, .max:
            var best: Int?
            for value in values {
                guard case .integer(let v) = value else { return .missing }
                best = best.map { function == .min ? Swift.min($0, v) : Swift.max($0, v) } ?? v
            }
            return best.map(Value.integer) ?? .missing
        }
    }
}
