/// Byte offsets of the fields predicates read, so one predicate type serves every attribute of
/// a kind (texts and packed dates are all `Int32`).
enum Field {
    static let tier = MemoryLayout<Subject>.offset(of: \Subject.tier)!
    static let education = MemoryLayout<Subject>.offset(of: \Subject.education)!
    static let title = MemoryLayout<Subject>.offset(of: \Subject.title)!
    static let field = MemoryLayout<Subject>.offset(of: \Subject.field)!
    static let district = MemoryLayout<Subject>.offset(of: \Subject.district)!
    static let arrival = MemoryLayout<Subject>.offset(of: \Subject.arrivalPacked)!
    static let birth = MemoryLayout<Subject>.offset(of: \Subject.birthPacked)!
    static let certified = MemoryLayout<Subject>.offset(of: \Subject.certifiedPacked)!
    static let tierValidUntil = MemoryLayout<Subject>.offset(of: \Subject.tierValidUntilPacked)!
    static let payouts = MemoryLayout<Subject>.offset(of: \Subject.payouts)!
    static let paidTotal = MemoryLayout<Subject>.offset(of: \Subject.paidTotal)!

    static func text(_ a: Attribute) -> Int? {
        switch a {
        case .tier: return tier
        case .education: return education
        case .title: return title
        case .field: return field
        case .district: return district
        default: return nil
        }
    }

    /// The packed date a date attribute is, or a derived count is computed from.
    static func packed(_ a: Attribute) -> Int? {
        switch a {
        case .arrivalDate, .yearsSinceArrival, .monthsSinceArrival: return arrival
        case .birthDate, .age: return birth
        case .certifiedOn: return certified
        case .tierValidUntil: return tierValidUntil
        default: return nil
        }
    }

    /// The integer fields, which are always recorded.
    static func integer(_ a: Attribute) -> Int? {
        switch a {
        case .payouts: return payouts
        case .paidTotal: return paidTotal
        default: return nil
        }
    }

    @inline(__always)
    static func int32(_ s: UnsafePointer<Subject>, _ offset: Int) -> Int32 {
        UnsafeRawPointer(s).load(fromByteOffset: offset, as: Int32.self)
    }

    @inline(__always)
    static func int(_ s: UnsafePointer<Subject>, _ offset: Int) -> Int {
        UnsafeRawPointer(s).load(fromByteOffset: offset, as: Int.self)
    }
}

/// A closed range of integers, tested with one subtraction and one unsigned comparison.
struct IntRange: Hashable, Sendable {
    let low: Int
    let width: UInt

    /// No value of the stored kind (`Int32`) reaches it.
    static let noInt32 = IntRange(low: 1 << 40, width: 0)

    init(low: Int, width: UInt) {
        self.low = low
        self.width = width
    }

    /// `low...high`, or nil when empty.
    init?(_ low: Int, _ high: Int) {
        guard low <= high else { return nil }
        self.init(low: low, width: UInt(bitPattern: high &- low))
    }

    /// `low...high` as far as `Int32` values go (bounds may lie beyond; empty gives `noInt32`).
    init(int32 low: Int, _ high: Int) {
        self = IntRange(Swift.max(low, Int(Int32.min)), Swift.min(high, Int(Int32.max))) ?? .noInt32
    }

    @inline(__always)
    func contains(_ v: Int) -> Bool { UInt(bitPattern: v &- low) <= width }

    /// `v op c` as a range of v, and whether the test is its negation; nil when it never holds.
    static func comparison(_ op: ComparisonOperator, _ c: Int) -> (IntRange, negated: Bool)? {
        switch op {
        case .equal: return (IntRange(low: c, width: 0), false)
        case .notEqual: return (IntRange(low: c, width: 0), true)
        case .less: return c == .min ? nil : (IntRange(.min, c - 1)!, false)
        case .lessOrEqual: return (IntRange(.min, c)!, false)
        case .greater: return c == .max ? nil : (IntRange(c + 1, .max)!, false)
        case .greaterOrEqual: return (IntRange(c, .max)!, false)
        }
    }

    /// `date op c` on a packed date field (any `Int32`), as a range and whether it is negated.
    static func date(_ op: ComparisonOperator, _ c: Int) -> (IntRange, negated: Bool) {
        guard let (range, negated) = comparison(op, c) else { return (.noInt32, false) }
        return (IntRange(int32: range.low, range.low &+ Int(bitPattern: range.width)), negated)
    }

    /// `years op c`, where years = ⌊(today − start) / 10 000⌋ on packed dates (the full years of
    /// `CalendarMath.fullYears`), as a range of the packed start date. The bounds saturate
    /// rather than overflow: a bound beyond `Int32` is as good as any other beyond it.
    static func years(_ op: ComparisonOperator, _ c: Int, today: Int) -> (IntRange, negated: Bool) {
        func times10k(_ k: Int) -> Int {
            let (v, o) = k.multipliedReportingOverflow(by: 10_000)
            return o ? (k < 0 ? .min : .max) : v
        }
        func minus(_ a: Int, _ b: Int) -> Int {
            let (v, o) = a.subtractingReportingOverflow(b)
            return o ? (b < 0 ? .max : .min) : v
        }
        // years ≥ k ⟺ today − start ≥ k · 10^4 ⟺ start ≤ today − k · 10^4.
        func atLeast(_ k: Int) -> IntRange { IntRange(int32: .min, minus(today, times10k(k))) }
        // years < k ⟺ start > today − k · 10^4.
        func under(_ k: Int) -> IntRange {
            let bound = minus(today, times10k(k))
            return bound == .max ? .noInt32 : IntRange(int32: bound + 1, .max)
        }
        switch op {
        case .less: return (under(c), false)
        case .lessOrEqual: return (c == .max ? IntRange(int32: .min, .max) : under(c + 1), false)
        case .greater: return (c == .max ? .noInt32 : atLeast(c + 1), false)
        case .greaterOrEqual: return (atLeast(c), false)
        case .equal, .notEqual:
            // years = c ⟺ c · 10^4 ≤ today − start ≤ c · 10^4 + 9 999.
            let high = minus(today, times10k(c))
            let exactly = high == .min || high == .max ? IntRange.noInt32 : IntRange(int32: minus(high, 9_999), high)
            return (exactly, op == .notEqual)
        }
    }
}
