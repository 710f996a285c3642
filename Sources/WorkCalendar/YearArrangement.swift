/// One year's State Council arrangement (国务院办公厅关于某年部分节假日安排的通知).
///
/// Only the departures from Mon–Fri matter: `holidays` are 法定节假日 days off (a name such as
/// 春节 or 国庆节), `workdays` are weekend days that are worked (调休上班). A holiday on a
/// weekend changes nothing but is allowed so an imported table may list whole holiday periods.
///
/// Entries dated outside `year` are ignored by `WorkCalendar`: each arrangement governs only its
/// own dates, so a year can be replaced without touching its neighbours. A date that is both a
/// holiday and a workday counts as a holiday (the CSV import rejects such a table outright).
public struct YearArrangement: Sendable, Hashable {
    public let year: Int
    /// 法定节假日: days off, with the holiday's Chinese name.
    public var holidays: [LocalDate: String]
    /// 调休上班: weekend days that are working days.
    public var workdays: Set<LocalDate>

    public init(year: Int, holidays: [LocalDate: String] = [:], workdays: Set<LocalDate> = []) {
        self.year = year
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Whether `date` (which must lie in `year`) is a working day under this arrangement.
    func isWorkday(_ date: LocalDate) -> Bool {
        if holidays[date] != nil { return false }
        if workdays.contains(date) { return true }
        return !date.isWeekend
    }
}
