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

}
