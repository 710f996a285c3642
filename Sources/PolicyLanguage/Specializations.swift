/// Fast paths for the shapes policies are mostly made of — an attribute against a literal
/// (`age < 45`, `tier in ["A", "B"]`, `district = "X-GX"`). The attribute read is a generic
/// parameter, so each closure is specialised with the field access inlined: one indirect call
/// per condition instead of two or three.
protocol IntegerSlot: Sendable {
    static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int?
}

protocol TextSlot: Sendable {
    static func read(_ s: UnsafePointer<Subject>) -> TextID
}

private enum AgeSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.birthPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.birthPacked), toPacked: d.packed)
    }
}
private enum YearsSinceArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
    }
}
private enum MonthsSinceArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullMonths(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
    }
}
private enum PayoutsSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.payouts }
}
private enum PaidTotalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.paidTotal }
}
// Dates read as packed yyyymmdd, which order like the dates themselves.
private enum ArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.arrivalPacked == 0 ? nil : Int(s.pointee.arrivalPacked) }
}
private enum BirthSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.birthPacked == 0 ? nil : Int(s.pointee.birthPacked) }
}
private enum CertifiedSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.certifiedPacked == 0 ? nil : Int(s.pointee.certifiedPacked) }
}
private enum TierValidUntilSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.tierValidUntilPacked == 0 ? nil : Int(s.pointee.tierValidUntilPacked)
    }
}
private enum TodaySlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { d.packed }
}

private enum TierSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.tier } }
private enum EducationSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.education } }
private enum TitleSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.title } }
private enum FieldSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.field } }
private enum DistrictSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.district } }

enum Specializations {
    // The slot types are spelled out rather than passed as `any …Slot.Type`: a generic called
    // with an existential metatype runs unspecialised, reading the field through a witness.

    /// `attribute op constant` on integers or dates (constant packed for dates).
    static func compare(_ a: Attribute, _ op: ComparisonOperator, _ c: Int) -> BoolCode? {
        switch a {
        case .age: return compare(AgeSlot.self, op, c)
        case .yearsSinceArrival: return compare(YearsSinceArrivalSlot.self, op, c)
        case .monthsSinceArrival: return compare(MonthsSinceArrivalSlot.self, op, c)
        case .payouts: return compare(PayoutsSlot.self, op, c)
        case .paidTotal: return compare(PaidTotalSlot.self, op, c)
        case .arrivalDate: return compare(ArrivalSlot.self, op, c)
        case .birthDate: return compare(BirthSlot.self, op, c)
        case .certifiedOn: return compare(CertifiedSlot.self, op, c)
        case .tierValidUntil: return compare(TierValidUntilSlot.self, op, c)
        case .today: return compare(TodaySlot.self, op, c)
        default: return nil
        }
    }

    private static func compare<S: IntegerSlot>(_: S.Type, _ op: ComparisonOperator, _ c: Int) -> BoolCode {
        switch op {
        case .equal: return { s, d in S.read(s, d) == c }
        case .notEqual: return { s, d in S.read(s, d) != c }
        case .less: return { s, d in guard let v = S.read(s, d) else { return false }; return v < c }
        case .lessOrEqual: return { s, d in guard let v = S.read(s, d) else { return false }; return v <= c }
        case .greater: return { s, d in guard let v = S.read(s, d) else { return false }; return v > c }
        case .greaterOrEqual: return { s, d in guard let v = S.read(s, d) else { return false }; return v >= c }
        }
    }

    /// `attribute = "text"` (c is never missing, so a missing attribute is simply unequal).
    static func equal(_ a: Attribute, _ c: TextID, negated: Bool) -> BoolCode? {
        switch a {
        case .tier: return equal(TierSlot.self, c, negated: negated)
        case .education: return equal(EducationSlot.self, c, negated: negated)
        case .title: return equal(TitleSlot.self, c, negated: negated)
        case .field: return equal(FieldSlot.self, c, negated: negated)
        case .district: return equal(DistrictSlot.self, c, negated: negated)
        default: return nil
        }
    }

    private static func equal<S: TextSlot>(_: S.Type, _ c: TextID, negated: Bool) -> BoolCode {
        if negated { return { s, _ in S.read(s) != c } }
        return { s, _ in S.read(s) == c }
    }

    /// `attribute in ["…", …]`.
    static func member(_ a: Attribute, _ set: TextSet, negated: Bool) -> BoolCode? {
        switch a {
        case .tier: return member(TierSlot.self, set, negated: negated)
        case .education: return member(EducationSlot.self, set, negated: negated)
        case .title: return member(TitleSlot.self, set, negated: negated)
        case .field: return member(FieldSlot.self, set, negated: negated)
        case .district: return member(DistrictSlot.self, set, negated: negated)
        default: return nil
        }
    }

    private static func member<S: TextSlot>(_: S.Type, _ set: TextSet, negated: Bool) -> BoolCode {
        if negated { return { s, _ in !set.contains(S.read(s)) } }
        return { s, _ in set.contains(S.read(s)) }
    }
}
