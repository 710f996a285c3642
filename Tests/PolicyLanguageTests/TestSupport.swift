import Testing
@testable import PolicyLanguage
import WorkCalendar


func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(text) else { fatalError("bad test date \(text)") }
    return date
}

let standardDay = EvaluationDay(day("2025-06-30"))

/// What evaluating an expression gave: a value, or an error at a place.
enum Outcome: Hashable, CustomStringConvertible {
    case value(Value)
    case error(EvaluationError.Kind, SourcePosition)

    var description: String {
        switch self {
        case .value(let v): return "value(\(v))"
        case .error(let k, let p): return "error(\(k) at \(p))"
        }
    }
}

func reference(_ e: Expression, _ record: TalentRecord, _ day: EvaluationDay) -> Outcome {
    do {
        return .value(try ReferenceEvaluator(record: record, day: day).evaluate(e))
    } catch {
        return .error(error.kind, error.position)
    }
}

func compiled(_ e: Expression, _ record: TalentRecord, _ day: EvaluationDay) throws -> Outcome {
    var texts = TextTable()
    let code = try Compiler.compile(e, texts: &texts)
    let subject = Subject(record, texts: &texts)
    do {
        return .value(try code.evaluate(subject, on: day, texts: texts))
    } catch {
        return .error(error.kind, error.position)
    }
}

/// Parses, checks and evaluates with both evaluators, insisting they agree; every unit test
/// of evaluation therefore also tests the compiler.
func evaluate(_ source: String, _ record: TalentRecord = TalentRecord(), on day: EvaluationDay = standardDay,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    let (e, _) = try PolicyFile.parseExpression(source)
    let expected = reference(e, record, day)
    let actual = try compiled(e, record, day)
    #expect(actual == expected, "compiled and reference disagree on \(source)", sourceLocation: sourceLocation)
    return expected
}

func value(_ source: String, _ record: TalentRecord = TalentRecord(), on day: EvaluationDay = standardDay,
           sourceLocation: SourceLocation = #_sourceLocation) throws -> Value {
    let outcome = try evaluate(source, record, on: day, sourceLocation: sourceLocation)
    guard case .value(let v) = outcome else {
        Issue.record("expected a value from \(source), got \(outcome)", sourceLocation: sourceLocation)
        return .missing
    }
    return v
}

func holds(_ source: String, _ record: TalentRecord = TalentRecord(), on day: EvaluationDay = standardDay,
           sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
    let v = try value(source, record, on: day, sourceLocation: sourceLocation)
    guard case .boolean(let b) = v else {
        Issue.record("expected a condition from \(source), got \(v)", sourceLocation: sourceLocation)
        return false
    }
    return b
}

/// The error a policy file or expression source produces, or nil.
func policyError(_ source: String, limits: ParseLimits = .standard) -> PolicyError? {
    do {
        _ = try PolicyFile.parse(source, limits: limits)
        return nil
    } catch {
        return error
    }
}

func expressionError(_ source: String, limits: ParseLimits = .standard) -> PolicyError? {
    do {
        _ = try PolicyFile.parseExpression(source, limits: limits)
        return nil
    } catch {
        return error
    }
}

func parsed(_ source: String) throws -> Expression {
    try PolicyFile.parseUnchecked(source)
}

extension ComparisonOperator {
    /// What the operator means on two integers, written out plainly: the oracle the compiled and
    /// bulk comparisons are checked against.
    func expected(_ a: Int, _ b: Int) -> Bool {
        switch self {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }
}
