import WorkCalendar

/// The rule-relevant state of one yearly call (申报通知).
public struct Call: Sendable, Equatable, Codable {
    public var year: Int
    public var state: CallState
    public var dates: CallDates
    /// The specials run this year with their configuration; a special not listed is not run.
    public var specials: [Special: SpecialConfiguration]
    /// The day the public notice (公示) was started, set by `startNotice`.
    public var noticeStartedOn: LocalDate?

    public init(
        year: Int, state: CallState = .draft, dates: CallDates,
        specials: [Special: SpecialConfiguration], noticeStartedOn: LocalDate? = nil
    ) {
        self.year = year
        self.state = state
        self.dates = dates
        self.specials = specials
        self.noticeStartedOn = noticeStartedOn
    }

    /// Refuses invalid dates, no special at all, or an invalid special configuration.
    public func validate() throws(ProgrammeError) {
        try dates.validate()
        if specials.isEmpty { throw .invalid("specials", "至少需要开设一个专项", "the call needs at least one special") }
        for special in Special.allCases {
            guard let configuration = specials[special] else { continue }
            do throws(ProgrammeError) {
                try configuration.validate()
            } catch .invalid(let field, let message) {
                throw .invalid(field: "\(special.rawValue).\(field)", message: "\(special.chinese)：\(message)")
            } catch {
                throw error
            }
        }
    }
}
