// The bulk path (`CompiledPolicy.decide(_:on:into:)`). Instead of running the chain of closures
// for one talent after another, a block of talents goes through the policy one top-level
// condition at a time. Each condition is a loop over a *selection* — the indices of the talents
// still in the running — that keeps those for which it holds and writes the decision of every
// talent it drops. Only the talents that pass every condition reach the amount.
//
// The shapes policies are mostly made of — an attribute against a literal or `today`, a text
// attribute in a literal list, a literal in `categories`/`honors` — are `Predicate`s: small
// structs whose test the loop inlines, with no branch on the outcome. Packed dates and
// `age`/`years_since_arrival` thresholds become one range check on the packed field, the range
// computed once per block from the evaluation day. Conditions built from predicates with
// `and`, `or`, `not` and `if` cannot fail either: they are evaluated as byte masks over the
// selection (every part for every talent, which changes nothing, as no part can fail or has an
// effect). An amount made of literals, counters and such `if`s is computed the same way. Any
// other condition or amount runs its compiled closure per talent.
//
// Semantics are exactly those of `decide(at:on:)`, talent by talent: a talent reaches condition
// k only when the once-check and conditions 0..<k let it through, as in the chain; it is then
// refused with `.notEligible(condition: k)`, fails with the error condition k raised (a closure
// that throws records `.failed` for that talent and drops it), or goes on. Nothing that can
// fail is evaluated unless the chain would evaluate it, and nothing has side effects, so
// evaluating condition k for a whole block before condition k + 1 changes no result.

/// Which talents of a block a stage looks at.
enum Scope: Sendable {
    /// `selection[0..<count]`: indices into the block.
    case selected
    /// The whole block, `0..<count` (the first stage).
    case all
    /// The whole block, for the first stage of a `period: once` policy: talents already paid
    /// are decided here, and the condition only matters for the others.
    case unpaid
}

/// One top-level condition over a block of talents.
struct Stage: Sendable {
    /// Filters the talents in scope, keeping in `selection[0..<result]`, in order, those for
    /// which the condition holds, and writing the decision of each talent it drops. `scratch`
    /// holds `Selection.scratchLevels` levels of `Selection.levelBytes`.
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafeMutablePointer<Int32>, _ count: Int, _ scope: Scope,
                                _ decisions: UnsafeMutablePointer<Decision>, _ scratch: UnsafeMutableRawPointer) -> Int
    /// Scratch levels it uses.
    var levels = 0
    let run: Code
}

/// What the talents that passed every condition get: the amount, or the error computing it.
struct Finish: Sendable {
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafePointer<Int32>, _ count: Int, _ dense: Bool,
                                _ decisions: UnsafeMutablePointer<Decision>, _ scratch: UnsafeMutableRawPointer) -> Void
    var levels = 0
    let run: Code
}

/// A failure-free condition over a block: `out[j]` becomes 1 or 0 for the j-th talent in scope
/// (`selection[j]`, or `j` when `dense`). `depth` scratch levels below `scratch` are its own.
struct Mask: Sendable {
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafePointer<Int32>, _ count: Int, _ dense: Bool,
                                _ out: UnsafeMutablePointer<UInt8>, _ scratch: UnsafeMutableRawPointer) -> Void
    let depth: Int
    let run: Code
}

/// A failure-free integer over a block: `values[j]`, and `recorded[j]` 1 or 0 (not recorded).
struct Values: Sendable {
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafePointer<Int32>, _ count: Int, _ dense: Bool,
                                _ values: UnsafeMutablePointer<Int>, _ recorded: UnsafeMutablePointer<UInt8>,
                                _ scratch: UnsafeMutableRawPointer) -> Void
    let depth: Int
    let run: Code
}

// MARK: Fields and ranges

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

// MARK: Predicates

/// A test of one talent that cannot fail, specialised by type so that loops inline it.
protocol Predicate: Sendable {
    /// The test on one evaluation day: what depends on the day is computed here, once per block.
    func on(_ day: EvaluationDay) -> Self
    func holds(_ s: UnsafePointer<Subject>) -> Bool
}

extension Predicate {
    func on(_ day: EvaluationDay) -> Self { self }
}

/// `true` or `false`, and the tests that do not depend on the talent (`payouts is none`).
struct Always: Predicate {
    let value: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool { value }
}

/// `text = "…"`, `!=`: a literal is never missing, so a missing text is simply unequal.
struct TextIs: Predicate {
    let offset: Int
    let text: TextID
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool { (Field.int32(s, offset) == text.raw) != negated }
}

/// `text in ["…", …]`, `not in`, for sets of ids below 64: one shift and one mask.
struct TextInMask: Predicate {
    let offset: Int
    let mask: UInt64
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool {
        // (raw − 64) >> 63 is 1 exactly for ids below 64 (missing is -1, far above as unsigned).
        let raw = UInt64(UInt32(bitPattern: Field.int32(s, offset)))
        return ((mask >> (raw & 63)) & ((raw &- 64) >> 63) != 0) != negated
    }
}

/// The same for any set.
struct TextInSet: Predicate {
    let offset: Int
    let set: TextSet
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool {
        set.contains(TextID(raw: Field.int32(s, offset))) != negated
    }
}

/// `text is none`, `is not none`.
struct TextMissing: Predicate {
    let offset: Int
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool { (Field.int32(s, offset) < 0) != negated }
}

/// A packed date field — or `age`, `years_since_arrival`, whose thresholds are ranges of the
/// packed date — in a range that may depend on the day. Never holds for a missing date (0),
/// unless negated.
struct PackedIn: Predicate {
    let offset: Int
    let bounds: @Sendable (EvaluationDay) -> (IntRange, negated: Bool)
    var range = IntRange.noInt32
    var negated = false

    init(offset: Int, bounds: @escaping @Sendable (EvaluationDay) -> (IntRange, negated: Bool)) {
        self.offset = offset
        self.bounds = bounds
    }

    func on(_ day: EvaluationDay) -> PackedIn {
        var bound = self
        (bound.range, bound.negated) = bounds(day)
        return bound
    }

    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool {
        let packed = Field.int32(s, offset)
        return (Selection.one(range.contains(Int(packed))) & Selection.one(packed != 0) != 0) != negated
    }
}

/// A date (or what is derived from it) `is none`, `is not none`.
struct PackedMissing: Predicate {
    let offset: Int
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool { (Field.int32(s, offset) == 0) != negated }
}

/// `payouts`, `paid_total` (always recorded) in a range.
struct IntegerIn: Predicate {
    let offset: Int
    let range: IntRange
    let negated: Bool
    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool { range.contains(Field.int(s, offset)) != negated }
}

/// `months_since_arrival` in a range; never for a missing arrival date, unless negated.
struct MonthsIn: Predicate {
    let range: IntRange
    let negated: Bool
    var today = 0

    init(range: IntRange, negated: Bool) {
        self.range = range
        self.negated = negated
    }

    func on(_ day: EvaluationDay) -> MonthsIn {
        var bound = self
        bound.today = day.packed
        return bound
    }

    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool {
        let arrival = Int(s.pointee.arrivalPacked)
        guard arrival != 0 else { return negated }
        return range.contains(CalendarMath.fullMonths(fromPacked: arrival, toPacked: today)) != negated
    }
}

/// `"…" in categories` / `honors`, `not in`: the list's summary settles it for most talents;
/// the list itself is read only when the summary cannot tell.
struct ListHas: Predicate {
    let list: ListAttribute
    let text: TextID
    let query: ListSummary.Query
    let negated: Bool

    init(_ list: ListAttribute, _ text: TextID, negated: Bool) {
        self.list = list
        self.text = text
        query = ListSummary.Query([text])
        self.negated = negated
    }

    @inline(__always) func holds(_ s: UnsafePointer<Subject>) -> Bool {
        let summary = list == .categories ? s.pointee.categoriesSummary : s.pointee.honorsSummary
        if query.mustRead(summary) {
            return (list == .categories ? s.pointee.categories.contains(text) : s.pointee.honors.contains(text)) != negated
        }
        return query.holds(summary) != negated
    }
}

// MARK: Integer readings (for amounts)

/// An integer that cannot fail to compute, read from one talent.
protocol Reading: Sendable {
    func on(_ day: EvaluationDay) -> Self
    /// The value, or nil when not recorded.
    func read(_ s: UnsafePointer<Subject>) -> Int?
}

/// `payouts`, `paid_total`.
struct IntegerField: Reading {
    let offset: Int
    func on(_ day: EvaluationDay) -> IntegerField { self }
    @inline(__always) func read(_ s: UnsafePointer<Subject>) -> Int? { Field.int(s, offset) }
}

/// `age`, `years_since_arrival`, `months_since_arrival`.
struct Elapsed: Reading {
    let offset: Int
    let months: Bool
    var today = 0

    init(offset: Int, months: Bool) {
        self.offset = offset
        self.months = months
    }

    func on(_ day: EvaluationDay) -> Elapsed {
        var bound = self
        bound.today = day.packed
        return bound
    }

    @inline(__always) func read(_ s: UnsafePointer<Subject>) -> Int? {
        let start = Int(Field.int32(s, offset))
        guard start != 0 else { return nil }
        return months ? CalendarMath.fullMonths(fromPacked: start, toPacked: today)
                      : CalendarMath.fullYears(fromPacked: start, toPacked: today)
    }
}

// MARK: Loops

enum Selection {
    /// How many talents go through the stages together: small enough that the block, its
    /// selection, decisions and scratch stay in the first cache levels between stages.
    static let blockSize = 2048
    /// One scratch level: room for `blockSize` integers and two `blockSize` byte masks.
    static let levelBytes = blockSize * 10
    /// Masks and values nest at most this deep in the bulk form (deeper ones use closures),
    /// which bounds the scratch space of a block.
    static let scratchLevels = 5

    /// 1 or 0 without a branch: whether a talent stays must not be guessed by the processor,
    /// as it is about as unpredictable as the data.
    @inline(__always)
    static func one(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

    @inline(__always)
    static func talent(_ selection: UnsafePointer<Int32>, _ j: Int, _ dense: Bool) -> Int { dense ? j : Int(selection[j]) }

    /// The loop every predicate stage is made of. `holds(j, i)` is asked about the j-th talent
    /// in scope, talent i of the block. The decision of a dropped talent is written for every
    /// talent in scope (a survivor's is overwritten later), so the loop has no branch that
    /// depends on the data.
    ///
    /// With `.unpaid` the test is also made for talents already paid — harmless, as predicates
    /// and masks can neither fail nor have effects — but ignored.
    @inline(__always)
    static func keep(_ base: UnsafePointer<Subject>, _ selection: UnsafeMutablePointer<Int32>, _ count: Int, _ scope: Scope,
                     _ decisions: UnsafeMutablePointer<Decision>, refusing condition: Int,
                     where holds: (Int, Int) -> Bool) -> Int {
        let refused = Decision.notEligible(condition: condition)
        var kept = 0
        switch scope {
        case .selected:
            for j in 0..<count {
                let i = Int(selection[j])
                (decisions + i).initialize(to: refused)
                selection[kept] = Int32(truncatingIfNeeded: i)
                kept &+= one(holds(j, i))
            }
        case .all:
            for i in 0..<count {
                (decisions + i).initialize(to: refused)
                selection[kept] = Int32(truncatingIfNeeded: i)
                kept &+= one(holds(i, i))
            }
        case .unpaid:
            for i in 0..<count {
                let payouts = base[i].payouts
                let paid = payouts > 0
                (decisions + i).initialize(to: paid ? .alreadyPaid(times: payouts) : refused)
                selection[kept] = Int32(truncatingIfNeeded: i)
                kept &+= one(holds(i, i)) & one(!paid)
            }
        }
        return kept
    }

    /// `period: once`: talents already paid are decided here, before any condition.
    @inline(__always)
    static func unpaid(_ base: UnsafePointer<Subject>, _ count: Int, _ selection: UnsafeMutablePointer<Int32>,
                       _ decisions: UnsafeMutablePointer<Decision>) -> Int {
        var kept = 0
        for i in 0..<count {
            let payouts = base[i].payouts
            (decisions + i).initialize(to: .alreadyPaid(times: payouts))
            selection[kept] = Int32(truncatingIfNeeded: i)
            kept &+= one(payouts <= 0)
        }
        return kept
    }

    // MARK: Stages

    /// A top-level condition that is a predicate.
    static func stage<P: Predicate>(_ predicate: P, condition: Int) -> Stage {
        Stage { base, day, selection, count, scope, decisions, _ in
            let p = predicate.on(day)
            return keep(base, selection, count, scope, decisions, refusing: condition) { _, i in p.holds(base + i) }
        }
    }

    /// A top-level condition made of predicates: its mask first, then the selection.
    static func stage(_ mask: Mask, condition: Int) -> Stage {
        Stage(levels: 1 + mask.depth) { base, day, selection, count, scope, decisions, scratch in
            var (count, scope) = (count, scope)
            if scope == .unpaid {
                count = unpaid(base, count, selection, decisions)
                scope = .selected
            }
            let bits = scratch.assumingMemoryBound(to: UInt8.self)
            mask.run(base, day, selection, count, scope == .all, bits, scratch + levelBytes)
            return keep(base, selection, count, scope, decisions, refusing: condition) { j, _ in bits[j] != 0 }
        }
    }

    /// Any other condition: its compiled closure per talent; an error fails that talent.
    static func general(_ code: @escaping BoolCode, condition: Int) -> Stage {
        Stage { base, day, selection, count, scope, decisions, _ in
            let refused = Decision.notEligible(condition: condition)
            var count = count
            var dense = scope == .all
            if scope == .unpaid {
                count = unpaid(base, count, selection, decisions)
                dense = false
            }
            var kept = 0
            for j in 0..<count {
                let i = talent(selection, j, dense)
                do throws(EvaluationError) {
                    if try code(base + i, day) {
                        selection[kept] = Int32(truncatingIfNeeded: i)
                        kept &+= 1
                    } else {
                        (decisions + i).initialize(to: refused)
                    }
                } catch {
                    (decisions + i).initialize(to: .failed(error))
                }
            }
            return kept
        }
    }

    // MARK: Masks

    static func mask<P: Predicate>(_ predicate: P) -> Mask {
        Mask(depth: 0) { base, day, selection, count, dense, out, _ in
            let p = predicate.on(day)
            if dense {
                for i in 0..<count { out[i] = UInt8(truncatingIfNeeded: one(p.holds(base + i))) }
            } else {
                for j in 0..<count { out[j] = UInt8(truncatingIfNeeded: one(p.holds(base + Int(selection[j])))) }
            }
        }
    }

    /// `and` (`any` false) or `or` (`any` true) of masks: the first into `out`, each other into
    /// the first scratch level and combined.
    static func combine(_ items: [Mask], or: Bool) -> Mask {
        let first = items[0]
        let rest = Array(items.dropFirst())
        let depth = Swift.max(first.depth, 1 + (rest.map(\.depth).max() ?? -1))
        return Mask(depth: depth) { base, day, selection, count, dense, out, scratch in
            first.run(base, day, selection, count, dense, out, scratch)
            let other = scratch.assumingMemoryBound(to: UInt8.self)
            for item in rest {
                item.run(base, day, selection, count, dense, other, scratch + levelBytes)
                if or {
                    for j in 0..<count { out[j] |= other[j] }
                } else {
                    for j in 0..<count { out[j] &= other[j] }
                }
            }
        }
    }

    static func not(_ item: Mask) -> Mask {
        Mask(depth: item.depth) { base, day, selection, count, dense, out, scratch in
            item.run(base, day, selection, count, dense, out, scratch)
            for j in 0..<count { out[j] ^= 1 }
        }
    }

    /// `if c then a else b` on conditions.
    static func choose(_ c: Mask, _ a: Mask, _ b: Mask) -> Mask {
        let depth = Swift.max(c.depth, 1 + Swift.max(a.depth, b.depth))
        return Mask(depth: depth) { base, day, selection, count, dense, out, scratch in
            c.run(base, day, selection, count, dense, out, scratch)
            let other = scratch.assumingMemoryBound(to: UInt8.self)
            a.run(base, day, selection, count, dense, other, scratch + levelBytes)
            for j in 0..<count { out[j] |= (out[j] & other[j]) << 1 }  // bit 1: c and a
            b.run(base, day, selection, count, dense, other, scratch + levelBytes)
            for j in 0..<count { out[j] = (out[j] >> 1) | (~out[j] & 1 & other[j]) }
        }
    }

    // MARK: Values

    static func values(constant: Int) -> Values {
        Values(depth: 0) { _, _, _, count, _, values, recorded, _ in
            for j in 0..<count {
                values[j] = constant
                recorded[j] = 1
            }
        }
    }

    static func values<R: Reading>(_ reading: R) -> Values {
        Values(depth: 0) { base, day, selection, count, dense, values, recorded, _ in
            let r = reading.on(day)
            for j in 0..<count {
                let v = r.read(base + talent(selection, j, dense))
                values[j] = v ?? 0
                recorded[j] = v == nil ? 0 : 1
            }
        }
    }

    /// `if c1 then a1 else if c2 then a2 … else otherwise`, computed from the last branch up:
    /// each `ck` into the first scratch level, each `ak` into the second, then chosen.
    static func choose(_ branches: [(Mask, Values)], otherwise: Values) -> Values {
        var depth = otherwise.depth
        for (c, a) in branches { depth = Swift.max(depth, c.depth + 1, a.depth + 2) }
        return Values(depth: depth) { base, day, selection, count, dense, values, recorded, scratch in
            otherwise.run(base, day, selection, count, dense, values, recorded, scratch)
            let test = scratch.assumingMemoryBound(to: UInt8.self)
            let level = scratch + levelBytes
            let branchValues = level.assumingMemoryBound(to: Int.self)
            let branchRecorded = (level + blockSize * 8).assumingMemoryBound(to: UInt8.self)
            for (c, a) in branches.reversed() {
                c.run(base, day, selection, count, dense, test, level)
                a.run(base, day, selection, count, dense, branchValues, branchRecorded, level + levelBytes)
                for j in 0..<count {
                    let take = test[j] != 0
                    values[j] = take ? branchValues[j] : values[j]
                    recorded[j] = take ? branchRecorded[j] : recorded[j]
                }
            }
        }
    }

    // MARK: The amount

    @inline(__always)
    static func decision(_ value: Int, at position: SourcePosition) -> Decision {
        value < 0 ? .failed(EvaluationError(.negativeAmount(value), at: position)) : .eligible(amount: value)
    }

    static func finish(_ values: Values, at position: SourcePosition) -> Finish {
        Finish(levels: 1 + values.depth) { base, day, selection, count, dense, decisions, scratch in
            let amounts = scratch.assumingMemoryBound(to: Int.self)
            let recorded = (scratch + blockSize * 8).assumingMemoryBound(to: UInt8.self)
            values.run(base, day, selection, count, dense, amounts, recorded, scratch + levelBytes)
            for j in 0..<count {
                (decisions + talent(selection, j, dense)).initialize(
                    to: recorded[j] != 0 ? decision(amounts[j], at: position)
                                         : .failed(EvaluationError(.amountNotRecorded, at: position)))
            }
        }
    }

    /// Any other amount: its compiled closure per talent.
    static func finish(_ amount: @escaping IntCode, at position: SourcePosition) -> Finish {
        Finish { base, day, selection, count, dense, decisions, _ in
            for j in 0..<count {
                let i = talent(selection, j, dense)
                let decision: Decision
                do throws(EvaluationError) {
                    if let value = try amount(base + i, day) {
                        decision = Selection.decision(value, at: position)
                    } else {
                        decision = .failed(EvaluationError(.amountNotRecorded, at: position))
                    }
                } catch {
                    decision = .failed(error)
                }
                (decisions + i).initialize(to: decision)
            }
        }
    }
}

// MARK: Compiling to the bulk form

extension Compiler {
    /// The bulk form of top-level condition `index`: a predicate, a mask of predicates, or
    /// else the condition's closure per talent.
    mutating func stage(_ e: Expression, index: Int, code: @escaping BoolCode) throws(PolicyError) -> Stage {
        if let stage = try predicate(e, stage: index)?.stage { return stage }
        if let mask = try mask(e), mask.depth < Selection.scratchLevels { return Selection.stage(mask, condition: index) }
        return Selection.general(code, condition: index)
    }

    /// The bulk form of the amount.
    mutating func finish(_ e: Expression, code: @escaping IntCode) throws(PolicyError) -> Finish {
        if let values = try values(e), values.depth < Selection.scratchLevels {
            return Selection.finish(values, at: e.position)
        }
        return Selection.finish(code, at: e.position)
    }

    /// A predicate's two bulk forms; built here, where its type is known, so both are specialised.
    private func forms<P: Predicate>(_ p: P, _ stage: Int?) -> (stage: Stage?, mask: Mask) {
        (stage.map { Selection.stage(p, condition: $0) }, Selection.mask(p))
    }

    /// The condition as a predicate, if it has one of the shapes that have one.
    private mutating func predicate(_ e: Expression, stage: Int?) throws(PolicyError) -> (stage: Stage?, mask: Mask)? {
        switch e.kind {
        case .boolean(let v):
            return forms(Always(value: v), stage)

        case .comparison(let op, let left, let right):
            // Attribute on the left; the other side a literal or `today`.
            var (attributeOp, attributeSide, otherSide) = (op, left, right)
            if case .attribute(let a) = right.kind, a != .today { (attributeOp, attributeSide, otherSide) = (op.mirrored, right, left) }
            let op = attributeOp
            guard case .attribute(let a) = attributeSide.kind, a != .today else { return nil }
            if case .attribute(.today) = otherSide.kind {
                guard a.type == .date, let offset = Field.packed(a) else { return nil }
                return forms(PackedIn(offset: offset) { day in IntRange.date(op, day.packed) }, stage)
            }
            switch try code(otherSide) {
            case .date(_, let c?) where a.type == .date:
                guard let offset = Field.packed(a) else { return nil }
                let bounds = IntRange.date(op, c)
                return forms(PackedIn(offset: offset) { _ in bounds }, stage)
            case .integer(_, let c?) where a.type == .integer:
                if a == .age || a == .yearsSinceArrival, let offset = Field.packed(a) {
                    return forms(PackedIn(offset: offset) { day in IntRange.years(op, c, today: day.packed) }, stage)
                }
                guard let (range, negated) = IntRange.comparison(op, c) else { return forms(Always(value: false), stage) }
                if a == .monthsSinceArrival { return forms(MonthsIn(range: range, negated: negated), stage) }
                guard let offset = Field.integer(a) else { return nil }
                return forms(IntegerIn(offset: offset, range: range, negated: negated), stage)
            case .text(_, let c?) where op == .equal || op == .notEqual:
                guard let offset = Field.text(a) else { return nil }
                return forms(TextIs(offset: offset, text: c, negated: op == .notEqual), stage)
            default:
                return nil
            }

        case .membership(let element, let list, let negated):
            switch (try code(element), try code(list)) {
            case (.text, .list(.texts(let set, _))):
                guard case .attribute(let a) = element.kind, let offset = Field.text(a) else { return nil }
                if let mask = set.mask { return forms(TextInMask(offset: offset, mask: mask, negated: negated), stage) }
                return forms(TextInSet(offset: offset, set: set, negated: negated), stage)
            case (.text(_, let c?), .list(.attribute(let list))):
                return forms(ListHas(list, c, negated: negated), stage)
            default:
                return nil
            }

        case .noneTest(let operand, let negated):
            guard case .attribute(let a) = operand.kind else { return nil }
            if let offset = Field.text(a) { return forms(TextMissing(offset: offset, negated: negated), stage) }
            if let offset = Field.packed(a) { return forms(PackedMissing(offset: offset, negated: negated), stage) }
            if a == .payouts || a == .paidTotal || a == .today { return forms(Always(value: negated), stage) }
            return nil

        default:
            return nil
        }
    }

    /// A condition that cannot fail, as a mask: predicates joined by `and`, `or`, `not`, `if`.
    private mutating func mask(_ e: Expression) throws(PolicyError) -> Mask? {
        switch e.kind {
        case .not(let operand):
            return try mask(operand).map(Selection.not)
        case .all(let items), .any(let items):
            var masks: [Mask] = []
            for item in items {
                guard let m = try mask(item) else { return nil }
                masks.append(m)
            }
            guard !masks.isEmpty else { return nil }
            if case .any = e.kind { return Selection.combine(masks, or: true) }
            return Selection.combine(masks, or: false)
        case .conditional(let c, let a, let b):
            guard let c = try mask(c), let a = try mask(a), let b = try mask(b) else { return nil }
            return Selection.choose(c, a, b)
        default:
            return try predicate(e, stage: nil)?.mask
        }
    }

    /// An integer that cannot fail, as values: literals, counters and derived counts, and `if`s
    /// choosing among them by masks.
    private mutating func values(_ e: Expression) throws(PolicyError) -> Values? {
        if case .integer(_, let c?) = try code(e) { return Selection.values(constant: c) }
        switch e.kind {
        case .attribute(let a):
            if let offset = Field.integer(a) { return Selection.values(IntegerField(offset: offset)) }
            if a == .age || a == .yearsSinceArrival || a == .monthsSinceArrival, let offset = Field.packed(a) {
                return Selection.values(Elapsed(offset: offset, months: a == .monthsSinceArrival))
            }
            return nil
        case .conditional:
            var branches: [(Mask, Values)] = []
            var rest = e
            while case .conditional(let c, let a, let b) = rest.kind {
                guard let test = try mask(c), let value = try values(a) else { return nil }
                branches.append((test, value))
                rest = b
            }
            guard let otherwise = try values(rest) else { return nil }
            return Selection.choose(branches, otherwise: otherwise)
        default:
            return nil
        }
    }
}
