/// Attribute reads: one closure per attribute, reading a fixed field of `Subject`.
extension Compiler {
    static func attribute(_ a: Attribute) -> Code {
        switch a {
        case .tier: return .text({ s, _ in s.pointee.tier }, constant: nil)
        case .education: return .text({ s, _ in s.pointee.education }, constant: nil)
        case .title: return .text({ s, _ in s.pointee.title }, constant: nil)
        case .field: return .text({ s, _ in s.pointee.field }, constant: nil)
        case .district: return .text({ s, _ in s.pointee.district }, constant: nil)
        case .categories: return .list(.attribute(.categories))
        case .honors: return .list(.attribute(.honors))
        case .arrivalDate: return .date({ s, _ in s.pointee.arrivalPacked == 0 ? nil : Int(s.pointee.arrivalPacked) }, constant: nil)
        case .birthDate: return .date({ s, _ in s.pointee.birthPacked == 0 ? nil : Int(s.pointee.birthPacked) }, constant: nil)
        case .certifiedOn: return .date({ s, _ in s.pointee.certifiedPacked == 0 ? nil : Int(s.pointee.certifiedPacked) }, constant: nil)
        case .tierValidUntil:
            return .date({ s, _ in s.pointee.tierValidUntilPacked == 0 ? nil : Int(s.pointee.tierValidUntilPacked) }, constant: nil)
        case .today: return .date({ _, d in d.packed }, constant: nil)
        case .payouts: return .integer({ s, _ in s.pointee.payouts }, constant: nil)
        case .paidTotal: return .integer({ s, _ in s.pointee.paidTotal }, constant: nil)
        case .age:
            return .integer({ s, d in
                s.pointee.birthPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.birthPacked), toPacked: d.packed)
            }, constant: nil)
        case .yearsSinceArrival:
            return .integer({ s, d in
                s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullYears(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
            }, constant: nil)
        case .monthsSinceArrival:
            return .integer({ s, d in
                s.pointee.arrivalPacked == 0 ? nil : CalendarMath.fullMonths(fromPacked: Int(s.pointee.arrivalPacked), toPacked: d.packed)
            }, constant: nil)
        }
    }
}
