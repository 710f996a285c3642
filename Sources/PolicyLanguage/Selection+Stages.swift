extension Selection {
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
}
