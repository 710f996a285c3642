import WorkCalendar

/// 公示: the selected list is shown to the public for 5 working days before it is final.
///
/// The notice starts on day D (the day it is published) and ends at 24:00 of the 5th working day
/// strictly after D, on the official calendar: `calendar.addWorkdays(5, to: D)`. The start day is
/// not counted, as with every time limit of the server, so a notice started on Friday
/// 27 September 2024 runs over 29 and 30 September (调休上班) and 8, 9, 10 October, ending at
/// 24:00 on 10 October 2024; objections are taken until then.
public struct PublicNotice: Sendable, Equatable {
    /// Working days a notice lasts.
    public static let workdays = 5

    /// The day the notice was published.
    public let start: LocalDate
    /// The last day of the notice (it ends at 24:00 Shanghai on this day).
    public let end: LocalDate
    /// `false` when the end rests on a year with no official arrangement (Mon–Fri assumed):
    /// show it as provisional.
    public let calendarComplete: Bool

    public init(startingOn start: LocalDate, calendar: WorkCalendar) {
        let end = calendar.addWorkdays(Self.workdays, to: start)
        self.start = start
        self.end = end.value
        self.calendarComplete = end.calendarComplete
    }

    /// Whether `date` is within the notice: from the start day to the end day, both included.
    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// The instant the notice ends, Unix ms: 24:00 Asia/Shanghai of `end`.
    public func endMillis(calendar: WorkCalendar) -> Int64 { calendar.deadlineMillis(of: end) }
}
