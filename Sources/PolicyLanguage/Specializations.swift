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

enum AgeSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.birthPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.birthPacked), toPacked: d.packed)
    }
}
enum YearsSinceArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
    }
}
enum MonthsSinceArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullMonths(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
    }
}
enum PayoutsSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.payouts }
}
enum PaidTotalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.paidTotal }
}
// Dates read as packed yyyymmdd, which order like the dates themselves.
enum ArrivalSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.arrivalPacked == 0 ? nil : Int(s.pointee.arrivalPacked) }
}
enum BirthSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.birthPacked == 0 ? nil : Int(s.pointee.birthPacked) }
}
enum CertifiedSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { s.pointee.certifiedPacked == 0 ? nil : Int(s.pointee.certifiedPacked) }
}
enum TierValidUntilSlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? {
        s.pointee.tierValidUntilPacked == 0 ? nil : Int(s.pointee.tierValidUntilPacked)
    }
}
enum TodaySlot: IntegerSlot {
    @inline(__always) static func read(_ s: UnsafePointer<Subject>, _ d: EvaluationDay) -> Int? { d.packed }
}

enum TierSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.tier } }
enum EducationSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.education } }
enum TitleSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.title } }
enum FieldSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.field } }
enum DistrictSlot: TextSlot { @inline(__always) static func read(_ s: UnsafePointer<Subject>) -> TextID { s.pointee.district } }

enum Specializations {
    static func integerSlot(_ a: Attribute) -> (any IntegerSlot.Type)? {
        switch a {
        case .age: return AgeSlot.self
        case .yearsSinceArrival: return YearsSinceArrivalSlot.self
        case .monthsSinceArrival: return MonthsSinceArrivalSlot.self
        case .payouts: return PayoutsSlot.self
        case .paidTotal: return PaidTotalSlot.self
        case .arrivalDate: return ArrivalSlot.self
        case .birthDate: return BirthSlot.self
        case .certifiedOn: return CertifiedSlot.self
        case .tierValidUntil: return TierValidUntilSlot.self
        case .today: return TodaySlot.self
        default: return nil
        }
    }

    static func textSlot(_ a: Attribute) -> (any TextSlot.Type)? {
        switch a {
        case .tier: return TierSlot.self
        case .education: return EducationSlot.self
        case .title: return TitleSlot.self
        case .field: return FieldSlot.self
        case .district: return DistrictSlot.self
        default: return nil
        }
    }

    /// `attribute op constant` on integers or dates (constant packed for dates).
    static func compare(_ a: Attribute, _ op: ComparisonOperator, _ c: Int) -> BoolCode? {
        guard let slot = integerSlot(a) else { return nil }
        return compare(slot, op, c)
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
        guard let slot = textSlot(a) else { return nil }
        return equal(slot, c, negated: negated)
    }

    private static func equal<S: TextSlot>(_: S.Type, _ c: TextID, negated: Bool) -> BoolCode {
        if negated { return { s, _ in S.read(s) != c } }
        return { s, _ in S.read(s) == c }
    }

    /// `attribute in ["…", …]`.
    static func member(_ a: Attribute, _ set: TextSet, negated: Bool) -> BoolCode? {
        guard let slot = textSlot(a) else { return nil }
        return member(slot, set, negated: negated)
    }

    private static func member<S: TextSlot>(_: S.Type, _ set: TextSet, negated: Bool) -> BoolCode {
        if negated { return { s, _ in !set.contains(S.read(s)) } }
        return { s, _ in set.contains(S.read(s)) }
    }
}
