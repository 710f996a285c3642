/// A calendar answer together with whether it rests entirely on official arrangements.
///
/// `calendarComplete` is `false` when some day the computation had to classify lies in a year
/// with no arrangement: such days were taken as plain Mon–Fri working days, which the real
/// State Council notice for that year will likely contradict (元旦, 春节, …). Callers show a
/// provisional deadline and recompute once the year is imported.
public struct CalendarResult<Value> {
    public let value: Value
    /// Every year touched by the computation has an arrangement.
    public let calendarComplete: Bool

    public init(value: Value, calendarComplete: Bool) {
        self.value = value
        self.calendarComplete = calendarComplete
    }
}

extension CalendarResult: Sendable where Value: Sendable {}
extension CalendarResult: Equatable where Value: Equatable {}
extension CalendarResult: Hashable where Value: Hashable {}

extension CalendarResult: CustomStringConvertible {
    public var description: String {
        calendarComplete ? "\(value)" : "\(value) (provisional: Mon–Fri assumed)"
    }
}
