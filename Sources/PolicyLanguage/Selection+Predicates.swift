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
