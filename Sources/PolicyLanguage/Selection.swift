// The bulk path (`CompiledPolicy.decide(_:on:into:)`): instead of running the whole chain of
// closures for one talent after another, a block of talents goes through the policy one
// top-level condition at a time. Each condition is a tight loop over a *selection* — the indices
// of the talents still in the running — that keeps those for which it holds and writes the
// decision of every talent it drops. The attribute-against-literal shapes policies are mostly
// made of become loops with the field read inlined and no branch on the outcome (packed dates
// and `age`/`years_since_arrival` thresholds become one range check on the packed field,
// computed once per block from the evaluation day); any other condition runs its compiled
// closure per selected talent. Only the talents that pass every condition reach the amount.
//
// Semantics are exactly those of `decide(at:on:)`, talent by talent: a talent reaches
// condition k only when the once-check and conditions 0..<k let it through, as in the chain;
// it is then refused with `.notEligible(condition: k)`, fails with the error condition k raised
// (a closure that throws records `.failed` for that talent and drops it), or goes on. Nothing
// is evaluated that the chain would not evaluate, and conditions have no side effects, so
// evaluating condition k for a whole block before condition k + 1 changes no result.

/// One top-level condition over a block of talents.
struct Stage: Sendable {
    /// Filters the selected talents — `selection[0..<count]`, indices into `base`, or when
    /// `dense` simply `0..<count` — keeping in `selection[0..<result]`, in order, those for
    /// which the condition holds, and writing the decision of each talent it drops.
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafeMutablePointer<Int32>, _ count: Int, _ dense: Bool,
                                _ decisions: UnsafeMutablePointer<Decision>) -> Int
    let run: Code
}

/// What the talents that passed every condition get: the amount, or the error computing it.
struct Finish: Sendable {
    typealias Code = @Sendable (_ base: UnsafePointer<Subject>, _ day: EvaluationDay,
                                _ selection: UnsafePointer<Int32>, _ count: Int, _ dense: Bool,
                                _ decisions: UnsafeMutablePointer<Decision>) -> Void
    let run: Code
}

/// A packed date field read raw: `yyyymmdd`, or 0 when not recorded.
protocol PackedSlot: Sendable {
    static func raw(_ s: UnsafePointer<Subject>) -> Int32
}

enum ArrivalPacked: PackedSlot { @inline(__always) static func raw(_ s: UnsafePointer<Subject>) -> Int32 { s.pointee.arrivalPacked } }
enum BirthPacked: PackedSlot { @inline(__always) static func raw(_ s: UnsafePointer<Subject>) -> Int32 { s.pointee.birthPacked } }
enum CertifiedPacked: PackedSlot { @inline(__always) static func raw(_ s: UnsafePointer<Subject>) -> Int32 { s.pointee.certifiedPacked } }
enum TierValidUntilPacked: PackedSlot {
    @inline(__always) static func raw(_ s: UnsafePointer<Subject>) -> Int32 { s.pointee.tierValidUntilPacked }
}

/// A closed range of packed values, tested with one subtraction and one unsigned comparison.
/// Recorded packed dates are at least 00010101, so a range starting at 1 or above never holds
/// for a missing value (0); the empty range is `-1 ... -1`, which no stored value reaches.
struct PackedRange: Hashable, Sendable {
    let low: Int
    let width: UInt

    static let empty = PackedRange(clamping: -1, -1)

    init(clamping low: Int, _ high: Int) {
        let l = Swift.max(low, 1), h = Swift.min(high, Int(Int32.max))
        if l > h {
            self.low = -1
            self.width = 0
        } else {
            self.low = l
            self.width = UInt(bitPattern: h &- l)
        }
    }

    @inline(__always)
    func contains(_ packed: Int32) -> Bool { UInt(bitPattern: Int(packed) &- low) <= width }

    /// `date op c` on a recorded packed date, as a range (and whether the test is its negation).
    static func date(_ op: ComparisonOperator, _ c: Int) -> (PackedRange, negated: Bool) {
        switch op {
        case .equal: return (PackedRange(clamping: c, c), false)
        case .notEqual: return (PackedRange(clamping: c, c), true)
        case .less: return (PackedRange(clamping: 1, c &- 1), false)
        case .lessOrEqual: return (PackedRange(clamping: 1, c), false)
        case .greater: return (PackedRange(clamping: c &+ 1, Int.max), false)
        case .greaterOrEqual: return (PackedRange(clamping: c, Int.max), false)
        }
    }

    /// `years op c`, where years = ⌊(today − start) / 10 000⌋ on packed dates (the full years of
    /// `CalendarMath.fullYears`), as a range of the start date.
    static func years(_ op: ComparisonOperator, _ c: Int, today: Int) -> (PackedRange, negated: Bool) {
        // Recorded dates lie within 0001-01-01...9999-12-31, so |today − start| < 10^8 and the
        // years within ±10^4: clamping c to ±10^6 changes no answer and keeps c · 10^4 exact.
        let c = Swift.min(Swift.max(c, -1_000_000), 1_000_000)
        // years ≥ k ⟺ today − start ≥ k · 10^4 ⟺ start ≤ today − k · 10^4.
        func atLeast(_ k: Int) -> PackedRange { PackedRange(clamping: 1, today - k * 10_000) }
        // years < k ⟺ start ≥ today − k · 10^4 + 1.
        func under(_ k: Int) -> PackedRange { PackedRange(clamping: today - k * 10_000 + 1, Int.max) }
        switch op {
        case .less: return (under(c), false)
        case .lessOrEqual: return (under(c + 1), false)
        case .greater: return (atLeast(c + 1), false)
        case .greaterOrEqual: return (atLeast(c), false)
        case .equal, .notEqual:
            let exactly = PackedRange(clamping: today - c * 10_000 - 9_999, today - c * 10_000)
            return (exactly, op == .notEqual)
        }
    }
}

enum Selection {
    /// How many talents go through the stages together: small enough that the block, its
    /// selection and its decisions stay in the first cache levels between stages.
    static let blockSize = 1024

    /// The loop every specialised stage is made of. The decision of a dropped talent is
    /// written for every selected one (a survivor's is overwritten later), so the loop has no
    /// branch that depends on the data.
    @inline(__always)
    static func keep(_ selection: UnsafeMutablePointer<Int32>, _ count: Int, dense: Bool,
                     _ decisions: UnsafeMutablePointer<Decision>, refusing condition: Int,
                     where holds: (Int) -> Bool) -> Int {
        let refused = Decision.notEligible(condition: condition)
        var kept = 0
        if dense {
            for i in 0..<count {
                (decisions + i).initialize(to: refused)
                selection[kept] = Int32(truncatingIfNeeded: i)
                kept &+= holds(i) ? 1 : 0
            }
        } else {
            for j in 0..<count {
                let i = Int(selection[j])
                (decisions + i).initialize(to: refused)
                selection[kept] = Int32(truncatingIfNeeded: i)
                kept &+= holds(i) ? 1 : 0
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
            kept &+= payouts > 0 ? 0 : 1
        }
        return kept
    }

    // MARK: Stages

    /// Any condition: its compiled closure per selected talent.
    static func general(_ code: @escaping BoolCode, condition: Int) -> Stage {
        Stage { base, day, selection, count, dense, decisions in
            let refused = Decision.notEligible(condition: condition)
            var kept = 0
            for j in 0..<count {
                let i = dense ? j : Int(selection[j])
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

    /// `attribute op c` on an integer or date attribute read through its slot.
    static func compare<S: IntegerSlot>(_: S.Type, _ op: ComparisonOperator, _ c: Int, condition: Int) -> Stage {
        switch op {
        case .equal:
            return Stage { b, d, s, n, dense, out in keep(s, n, dense: dense, out, refusing: condition) { S.read(b + $0, d) == c } }
        case .notEqual:
            return Stage { b, d, s, n, dense, out in keep(s, n, dense: dense, out, refusing: condition) { S.read(b + $0, d) != c } }
        case .less:
            return Stage { b, d, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { i in S.read(b + i, d).map { $0 < c } ?? false }
            }
        case .lessOrEqual:
            return Stage { b, d, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { i in S.read(b + i, d).map { $0 <= c } ?? false }
            }
        case .greater:
            return Stage { b, d, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { i in S.read(b + i, d).map { $0 > c } ?? false }
            }
        case .greaterOrEqual:
            return Stage { b, d, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { i in S.read(b + i, d).map { $0 >= c } ?? false }
            }
        }
    }

    /// A packed date field in a range that may depend on the evaluation day (computed once per block).
    static func range<S: PackedSlot>(_: S.Type, condition: Int,
                                     _ bounds: @escaping @Sendable (EvaluationDay) -> (PackedRange, negated: Bool)) -> Stage {
        Stage { b, d, s, n, dense, out in
            let (range, negated) = bounds(d)
            if negated {
                return keep(s, n, dense: dense, out, refusing: condition) { !range.contains(S.raw(b + $0)) }
            }
            return keep(s, n, dense: dense, out, refusing: condition) { range.contains(S.raw(b + $0)) }
        }
    }

    static func range(_ a: Attribute, condition: Int,
                      _ bounds: @escaping @Sendable (EvaluationDay) -> (PackedRange, negated: Bool)) -> Stage? {
        switch a {
        case .arrivalDate, .yearsSinceArrival: return range(ArrivalPacked.self, condition: condition, bounds)
        case .birthDate, .age: return range(BirthPacked.self, condition: condition, bounds)
        case .certifiedOn: return range(CertifiedPacked.self, condition: condition, bounds)
        case .tierValidUntil: return range(TierValidUntilPacked.self, condition: condition, bounds)
        default: return nil
        }
    }

    /// `attribute = "text"` / `!=` (the literal is never missing).
    static func equal<S: TextSlot>(_: S.Type, _ c: TextID, negated: Bool, condition: Int) -> Stage {
        if negated {
            return Stage { b, _, s, n, dense, out in keep(s, n, dense: dense, out, refusing: condition) { S.read(b + $0) != c } }
        }
        return Stage { b, _, s, n, dense, out in keep(s, n, dense: dense, out, refusing: condition) { S.read(b + $0) == c } }
    }

    /// `attribute in ["…", …]` / `not in`. Sets of small ids (the usual case) test one 64-bit mask.
    static func member<S: TextSlot>(_: S.Type, _ set: TextSet, negated: Bool, condition: Int) -> Stage {
        if let mask = set.mask {
            return Stage { b, _, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { i in
                    let raw = UInt32(bitPattern: S.read(b + i).raw)
                    let bit = raw < 64 ? (mask >> UInt64(raw)) & 1 : 0
                    return (bit != 0) != negated
                }
            }
        }
        return Stage { b, _, s, n, dense, out in
            keep(s, n, dense: dense, out, refusing: condition) { set.contains(S.read(b + $0)) != negated }
        }
    }

    /// `"text" in categories` / `honors`, and `not in`.
    static func listContains(_ list: ListAttribute, _ c: TextID, negated: Bool, condition: Int) -> Stage {
        switch list {
        case .categories:
            return Stage { b, _, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { b[$0].categories.contains(c) != negated }
            }
        case .honors:
            return Stage { b, _, s, n, dense, out in
                keep(s, n, dense: dense, out, refusing: condition) { b[$0].honors.contains(c) != negated }
            }
        }
    }

    // MARK: The amount

    static func finish(_ amount: @escaping IntCode, constant: Int?, at position: SourcePosition) -> Finish {
        if let constant {
            let decision: Decision = constant < 0
                ? .failed(EvaluationError(.negativeAmount(constant), at: position))
                : .eligible(amount: constant)
            return Finish { _, _, selection, count, dense, decisions in
                for j in 0..<count { (decisions + (dense ? j : Int(selection[j]))).initialize(to: decision) }
            }
        }
        return Finish { base, day, selection, count, dense, decisions in
            for j in 0..<count {
                let i = dense ? j : Int(selection[j])
                let decision: Decision
                do throws(EvaluationError) {
                    if let value = try amount(base + i, day) {
                        decision = value < 0 ? .failed(EvaluationError(.negativeAmount(value), at: position)) : .eligible(amount: value)
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

extension Compiler {
    /// The bulk form of top-level condition `index`: a specialised loop for the common shapes,
    /// else the condition's closure per talent.
    mutating func stage(_ e: Expression, index: Int, code: @escaping BoolCode) throws(PolicyError) -> Stage {
        switch e.kind {
        case .comparison(let op, let left, let right):
            // Attribute on the left; the other side is a literal or `today`.
            var (op, attributeSide, otherSide) = (op, left, right)
            if case .attribute(let a) = right.kind, a != .today { (op, attributeSide, otherSide) = (op.mirrored, right, left) }
            guard case .attribute(let a) = attributeSide.kind, a != .today else { break }
            if case .attribute(.today) = otherSide.kind {
                if a.type == .date, let stage = Selection.range(a, condition: index, { day in PackedRange.date(op, day.packed) }) {
                    return stage
                }
                break
            }
            switch try self.code(otherSide) {
            case .date(_, let c?):
                if let stage = Selection.range(a, condition: index, { _ in PackedRange.date(op, c) }) { return stage }
            case .integer(_, let c?):
                if a == .age || a == .yearsSinceArrival,
                   let stage = Selection.range(a, condition: index, { day in PackedRange.years(op, c, today: day.packed) }) {
                    return stage
                }
                if let slot = Specializations.integerSlot(a) { return Selection.compare(slot, op, c, condition: index) }
            case .text(_, let c?) where op == .equal || op == .notEqual:
                if let slot = Specializations.textSlot(a) { return Selection.equal(slot, c, negated: op == .notEqual, condition: index) }
            default:
                break
            }
        case .membership(let element, let list, let negated):
            switch (try self.code(element), try self.code(list)) {
            case (.text, .list(.texts(let set, _))):
                if case .attribute(let a) = element.kind, let slot = Specializations.textSlot(a) {
                    return Selection.member(slot, set, negated: negated, condition: index)
                }
            case (.text(_, let c?), .list(.attribute(let list))):
                return Selection.listContains(list, c, negated: negated, condition: index)
            default:
                break
            }
        default:
            break
        }
        return Selection.general(code, condition: index)
    }
}
