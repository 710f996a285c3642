import WorkCalendar

/// The State Council arrangements 2020–2026, typed in by hand from the notices
/// (国务院办公厅关于20XX年部分节假日安排的通知), independently of the generated data.
///
/// Periods are whole holiday periods including their weekend days; `names` lists every name a
/// day of the period may carry (combined 中秋节/国庆节 periods split their days between both).
struct HolidayPeriod {
    let names: [String]
    let first: String
    let last: String

    init(_ names: String..., from first: String, to last: String) {
        self.names = names
        self.first = first
        self.last = last
    }

    var days: [LocalDate] {
        let start = LocalDate(first)!, end = LocalDate(last)!
        return (start.dayNumber...end.dayNumber).map(LocalDate.init(dayNumber:))
    }
}

struct HandWrittenYear {
    let year: Int
    let periods: [HolidayPeriod]
    /// 调休上班: weekend days worked.
    let workdays: [String]
}

enum HandWritten {
    static let years: [HandWrittenYear] = [
        // 2020, including the Spring Festival extension to 2 February for the epidemic
        // (国务院办公厅关于延长2020年春节假期的通知), which also cancelled the 1 February workday.
        HandWrittenYear(year: 2020, periods: [
            HolidayPeriod("元旦", from: "2020-01-01", to: "2020-01-01"),
            HolidayPeriod("春节", from: "2020-01-24", to: "2020-02-02"),
            HolidayPeriod("清明节", from: "2020-04-04", to: "2020-04-06"),
            HolidayPeriod("劳动节", from: "2020-05-01", to: "2020-05-05"),
            HolidayPeriod("端午节", from: "2020-06-25", to: "2020-06-27"),
            HolidayPeriod("国庆节", "中秋节", from: "2020-10-01", to: "2020-10-08"),
        ], workdays: ["2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"]),
        HandWrittenYear(year: 2021, periods: [
            HolidayPeriod("元旦", from: "2021-01-01", to: "2021-01-03"),
            HolidayPeriod("春节", from: "2021-02-11", to: "2021-02-17"),
            HolidayPeriod("清明节", from: "2021-04-03", to: "2021-04-05"),
            HolidayPeriod("劳动节", from: "2021-05-01", to: "2021-05-05"),
            HolidayPeriod("端午节", from: "2021-06-12", to: "2021-06-14"),
            HolidayPeriod("中秋节", from: "2021-09-19", to: "2021-09-21"),
            HolidayPeriod("国庆节", from: "2021-10-01", to: "2021-10-07"),
        ], workdays: ["2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"]),
        HandWrittenYear(year: 2022, periods: [
            HolidayPeriod("元旦", from: "2022-01-01", to: "2022-01-03"),
            HolidayPeriod("春节", from: "2022-01-31", to: "2022-02-06"),
            HolidayPeriod("清明节", from: "2022-04-03", to: "2022-04-05"),
            HolidayPeriod("劳动节", from: "2022-04-30", to: "2022-05-04"),
            HolidayPeriod("端午节", from: "2022-06-03", to: "2022-06-05"),
            HolidayPeriod("中秋节", from: "2022-09-10", to: "2022-09-12"),
            HolidayPeriod("国庆节", from: "2022-10-01", to: "2022-10-07"),
        ], workdays: ["2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"]),
        // 2023's 元旦 period began on Saturday 31 December 2022.
        HandWrittenYear(year: 2023, periods: [
            HolidayPeriod("元旦", from: "2022-12-31", to: "2023-01-02"),
            HolidayPeriod("春节", from: "2023-01-21", to: "2023-01-27"),
            HolidayPeriod("清明节", from: "2023-04-05", to: "2023-04-05"),
            HolidayPeriod("劳动节", from: "2023-04-29", to: "2023-05-03"),
            HolidayPeriod("端午节", from: "2023-06-22", to: "2023-06-24"),
            HolidayPeriod("中秋节", "国庆节", from: "2023-09-29", to: "2023-10-06"),
        ], workdays: ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"]),
        HandWrittenYear(year: 2024, periods: [
            HolidayPeriod("元旦", from: "2024-01-01", to: "2024-01-01"),
            HolidayPeriod("春节", from: "2024-02-10", to: "2024-02-17"),
            HolidayPeriod("清明节", from: "2024-04-04", to: "2024-04-06"),
            HolidayPeriod("劳动节", from: "2024-05-01", to: "2024-05-05"),
            HolidayPeriod("端午节", from: "2024-06-10", to: "2024-06-10"),
            HolidayPeriod("中秋节", from: "2024-09-15", to: "2024-09-17"),
            HolidayPeriod("国庆节", from: "2024-10-01", to: "2024-10-07"),
        ], workdays: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"]),
        // From 2025 除夕 and 2 May are statutory holidays too (国务院关于修改《全国年节及纪念日放假办法》的决定).
        HandWrittenYear(year: 2025, periods: [
            HolidayPeriod("元旦", from: "2025-01-01", to: "2025-01-01"),
            HolidayPeriod("春节", from: "2025-01-28", to: "2025-02-04"),
            HolidayPeriod("清明节", from: "2025-04-04", to: "2025-04-06"),
            HolidayPeriod("劳动节", from: "2025-05-01", to: "2025-05-05"),
            HolidayPeriod("端午节", from: "2025-05-31", to: "2025-06-02"),
            HolidayPeriod("国庆节", "中秋节", from: "2025-10-01", to: "2025-10-08"),
        ], workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        HandWrittenYear(year: 2026, periods: [
            HolidayPeriod("元旦", from: "2026-01-01", to: "2026-01-03"),
            HolidayPeriod("春节", from: "2026-02-15", to: "2026-02-23"),
            HolidayPeriod("清明节", from: "2026-04-04", to: "2026-04-06"),
            HolidayPeriod("劳动节", from: "2026-05-01", to: "2026-05-05"),
            HolidayPeriod("端午节", from: "2026-06-19", to: "2026-06-21"),
            HolidayPeriod("中秋节", from: "2026-09-25", to: "2026-09-27"),
            HolidayPeriod("国庆节", from: "2026-10-01", to: "2026-10-07"),
        ], workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
    ]

    /// Names a day off may carry, for every holiday day (weekends included).
    static let holidayNames: [LocalDate: [String]] = {
        var names: [LocalDate: [String]] = [:]
        for year in years {
            for period in year.periods {
                for day in period.days { names[day] = period.names }
            }
        }
        return names
    }()

    static let workdays: Set<LocalDate> = Set(years.flatMap { $0.workdays.map { LocalDate($0)! } })

    static func isWorkday(_ date: LocalDate) -> Bool {
        if holidayNames[date] != nil { return false }
        if workdays.contains(date) { return true }
        return !date.isWeekend
    }
}
