import WorkCalendar

// The compiled form: one closure per node, specialised by type and operator when compiling,
// so evaluating a talent makes no dictionary lookups, no string comparisons, no allocations
// and no type dispatch. Dates travel as packed yyyymmdd integers, texts as interned ids, and
// "not recorded" as nil / `TextID.missing`.

typealias BoolCode = @Sendable (UnsafePointer<Subject>, EvaluationDay) throws(EvaluationError) -> Bool
/// Integers, and dates as packed yyyymmdd; nil when not recorded.
typealias IntCode = @Sendable (UnsafePointer<Subject>, EvaluationDay) throws(EvaluationError) -> Int?
typealias TextCode = @Sendable (UnsafePointer<Subject>, EvaluationDay) throws(EvaluationError) -> TextID

/// Closures kept in arrays are wrapped: a generic container stores a bare closure at its most
/// general abstraction, and every call then goes through reabstraction thunks that copy the
/// subject (and retain its lists). A non-generic struct keeps the direct calling convention.
struct BoolBox: Sendable {
    let code: BoolCode
}

struct IntBox: Sendable {
    let code: IntCode
}

/// A set of interned texts as a bitmap: membership is one shift and one mask.
struct TextSet: Sendable {
    private var words: [UInt64] = []

    init(_ ids: [TextID]) {
        for id in ids where !id.isMissing {
            let bit = Int(id.raw)
            while words.count <= bit >> 6 { words.append(0) }
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// The set as one 64-bit mask when every id in it is below 64 (the usual case).
    var mask: UInt64? { words.count <= 1 ? (words.first ?? 0) : nil }

    @inline(__always)
    func contains(_ id: TextID) -> Bool {
        let bit = Int(id.raw)
        guard bit >= 0, bit >> 6 < words.count else { return false }
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// The two list attributes. Read by field inside each closure rather than through a closure
/// returning the array, which would cost a retain and release per talent.
enum ListAttribute: Sendable {
    case categories
    case honors
}

enum ListCode: Sendable {
    case attribute(ListAttribute)
    case texts(TextSet, [TextID])
    case integers([Int])
    /// Packed yyyymmdd.
    case dates([Int])
}

enum Code: Sendable {
    case boolean(BoolCode)
    case integer(IntCode, constant: Int?)
    case date(IntCode, constant: Int?)
    case text(TextCode, constant: TextID?)
    case list(ListCode)

    var type: ValueType {
        switch self {
        case .boolean: return .boolean
        case .integer: return .integer
        case .date: return .date
        case .text: return .text
        case .list(.attribute), .list(.texts): return .textList
        case .list(.integers): return .integerList
        case .list(.dates): return .dateList
        }
    }
}

/// A single compiled expression, for tools and for testing the compiler against the
/// reference evaluator.
public struct CompiledExpression: Sendable {
    let code: Code
    public var type: ValueType { code.type }

    /// Evaluates and converts the result back to a `Value` (this part allocates; the bulk
    /// path in `CompiledPolicy` never does).
    public func evaluate(_ subject: Subject, on day: EvaluationDay, texts: TextTable) throws(EvaluationError) -> Value {
        func date(_ packed: Int?) -> Value {
            guard let packed, let d = CalendarMath.unpacked(packed) else { return .missing }
            return .date(d)
        }
        var subject = subject
        switch code {
        case .boolean(let c): return .boolean(try c(&subject, day))
        case .integer(let c, _): return try c(&subject, day).map(Value.integer) ?? .missing
        case .date(let c, _): return date(try c(&subject, day))
        case .text(let c, _): return texts.text(of: try c(&subject, day)).map(Value.text) ?? .missing
        case .list(.attribute(let a)):
            let ids = a == .categories ? subject.categories : subject.honors
            return .textList(ids.compactMap { texts.text(of: $0) })
        case .list(.texts(_, let ids)): return .textList(ids.compactMap { texts.text(of: $0) })
        case .list(.integers(let items)): return .integerList(items)
        case .list(.dates(let items)): return .dateList(items.compactMap { CalendarMath.unpacked($0) })
        }
    }
}
