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
