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
