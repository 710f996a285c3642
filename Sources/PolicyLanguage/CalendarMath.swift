import WorkCalendar

/// Date arithmetic shared by the evaluators. The compiled evaluator keeps dates as packed
/// `yyyymmdd` integers: they order like dates, and full years between two of them is a single
/// subtraction and division (the classic age trick), with no calendar conversion per talent.
enum CalendarMath {
    static func packed(_ date: LocalDate) -> Int { date.year * 10_000 + date.month * 100 + date.day }

    static func unpacked(_ value: Int) -> LocalDate? {
        LocalDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// Division rounding towards negative infinity: a birth date in the future gives age -1, not 0.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Whole months from `start` to `end`. A month is complete on the same day of the month,
    /// or, when that day does not exist (31 January → February), on the first day after it.
    static func fullMonths(from start: LocalDate, to end: LocalDate) -> Int {
        let months = (end.year - start.year) * 12 + (end.month - start.month)
        return end.day < start.day ? months - 1 : months
    }

    /// The same on packed dates, for the compiled evaluator.
    @inline(__always)
    static func fullMonths(fromPacked start: Int, toPacked end: Int) -> Int {
        let months = (end / 10_000 - start / 10_000) * 12 + (end / 100 % 100 - start / 100 % 100)
        return end % 100 < start % 100 ? months - 1 : months
    }

    /// Whole years; equal to `floorDivide(fullMonths, 12)`, computed directly on packed dates.
    @inline(__always)
    static func fullYears(fromPacked start: Int, toPacked end: Int) -> Int {
        floorDivide(end - start, 10_000)
    }

    static let firstDay = LocalDate(year: 1, month: 1, day: 1)!.dayNumber
    static let lastDay = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber

    enum ShiftFailure: Error { case overflow, outOfRange }

    /// `date + days`, failing rather than leaving the years 0001–9999 that `LocalDate` covers.
    static func shift(_ date: LocalDate, by days: Int) throws(ShiftFailure) -> LocalDate {
        let (day, overflow) = date.dayNumber.addingReportingOverflow(days)
        if overflow { throw .overflow }
        guard day >= firstDay, day <= lastDay else { throw .outOfRange }
        return LocalDate(dayNumber: day)
    }
}
