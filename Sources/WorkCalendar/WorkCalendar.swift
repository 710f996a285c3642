/// The PRC working-day calendar: Mon–Fri, minus 法定节假日, plus 调休上班 weekend days.
///
/// Years with an arrangement follow it; any other year is plain Mon–Fri and every answer that
/// touches it says so through `CalendarResult.calendarComplete`. All queries are O(1) apart from
/// a binary search over the known years, whatever the span, so the calendar can be asked for
/// millions of work-order deadlines.
public struct WorkCalendar: Sendable {
    private let arrangements: [Int: YearArrangement]
    private let index: WorkdayIndex

    /// The State Council arrangements shipped with the server (see `OfficialArrangements.swift`).
    public static let official = WorkCalendar(arrangements: YearArrangement.official)

    /// When two arrangements name the same year, the later one wins, as with `replacing(_:)`.
    public init(arrangements: [YearArrangement]) {
        var byYear: [Int: YearArrangement] = [:]
        for arrangement in arrangements { byYear[arrangement.year] = arrangement }
        self.init(byYear: byYear)
    }

    private init(byYear: [Int: YearArrangement]) {
        self.arrangements = byYear
        self.index = WorkdayIndex(byYear)
    }

    /// This calendar with `arrangement` standing for its whole year, as an admin import does.
    public func replacing(_ arrangement: YearArrangement) -> WorkCalendar {
        var byYear = arrangements
        byYear[arrangement.year] = arrangement
        return WorkCalendar(byYear: byYear)
    }

    /// Years that have an arrangement; need not be contiguous after `replacing(_:)`.
    public var knownYears: Set<Int> { Set(arrangements.keys) }

    /// From the first to the last known year (there may be gaps; see `knownYears`).
    public var knownYearRange: ClosedRange<Int>? {
        guard let first = arrangements.keys.min(), let last = arrangements.keys.max() else { return nil }
        return first...last
    }

    public func arrangement(for year: Int) -> YearArrangement? { arrangements[year] }

    public func isWorkday(_ date: LocalDate) -> Bool { index.isWorkday(date) }

    /// The holiday's name (春节, 国庆节, …) for a day listed as a holiday, else `nil`.
    /// The shipped data lists only the holidays that fall Mon–Fri, so a weekend inside a
    /// holiday period has no name unless an import listed it.
    public func holidayName(_ date: LocalDate) -> String? {
        arrangements[date.year]?.holidays[date]
    }

    /// Whether `date`'s year has an arrangement, i.e. `isWorkday(date)` is authoritative.
    public func isComplete(for date: LocalDate) -> Bool { arrangements[date.year] != nil }

    /// The `workdays`-th working day strictly after `date`: the day of receipt is not counted,
    /// so a Friday receipt with 1 working day is due the next working day, not the Friday.
    ///
    /// Complete when every year of the counted days (`date`, result] has an arrangement.
    /// - Precondition: `workdays >= 1`; "0 working days" has no meaning in a time limit (时限).
    public func addWorkdays(_ workdays: Int, to date: LocalDate) -> CalendarResult<LocalDate> {
        precondition(workdays >= 1, "addWorkdays needs at least 1 working day, got \(workdays)")
        let target = index.count(through: date) + workdays
        let result = LocalDate(dayNumber: index.firstDay(reachingCount: target))
        return CalendarResult(
            value: result,
            calendarComplete: index.allKnown(Self.firstCountedYear(after: date)...result.year))
    }

    /// Working days in (`start`, `end`]: the start day is not counted, the end day is.
    ///
    /// With `start > end` the answer is minus the count of (`end`, `start`], so the result is
    /// always `count(end) − count(start)` and subtracting two answers composes. Equal dates
    /// give 0 and, having counted nothing, are complete.
    public func workdaysBetween(_ start: LocalDate, _ end: LocalDate) -> CalendarResult<Int> {
        let count = index.count(through: end) - index.count(through: start)
        let (low, high) = start <= end ? (start, end) : (end, start)
        let complete = low == high || index.allKnown(Self.firstCountedYear(after: low)...high.year)
        return CalendarResult(value: count, calendarComplete: complete)
    }

    /// The instant a deadline day ends: 24:00 Asia/Shanghai, i.e. the next day's 00:00, as
    /// milliseconds since the Unix epoch. An act at exactly this instant still counts as in time
    /// (the work-order rules compare with ≤).
    public func deadlineMillis(of date: LocalDate) -> Int64 {
        date.adding(days: 1).shanghaiStartMillis
    }

    /// The year of the day after `date`: the first day a count starting at `date` looks at.
    private static func firstCountedYear(after date: LocalDate) -> Int {
        date.month == 12 && date.day == 31 ? date.year + 1 : date.year
    }
}
