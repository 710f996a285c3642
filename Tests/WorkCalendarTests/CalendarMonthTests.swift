import Testing
import WorkCalendar

@Suite("Calendar months")
struct CalendarMonthTests {
    @Test("only YYYY-MM parses")
    func parsing() {
        #expect(CalendarMonth("2024-01") == CalendarMonth(year: 2024, month: 1))
        #expect(CalendarMonth("2024-12")?.compact == "202412")
        for bad in ["2024-13", "2024-00", "2024-1", "24-01", "2024-01-01", "2024/01", "", "0000-01", "２０２４-01"] {
            #expect(CalendarMonth(bad) == nil, "\(bad)")
        }
    }

    @Test("each month's bounds are its first day's 00:00 in Shanghai, and every instant falls in exactly one month")
    func bounds() {
        var month = CalendarMonth("1999-01")!
        while month < CalendarMonth("2031-01")! {
            let next = month.adding(months: 1)
            #expect(next > month)
            #expect(next.adding(months: -1) == month)
            let lo = month.shanghaiStartMillis, hi = next.shanghaiStartMillis
            #expect(CalendarMonth(shanghaiMillis: lo) == month)
            #expect(CalendarMonth(shanghaiMillis: lo - 1) == month.adding(months: -1))
            #expect(CalendarMonth(shanghaiMillis: hi - 1) == month)
            #expect((hi - lo) / 86_400_000 == Int64(LocalDate.daysIn(month: month.month, year: month.year)))
            #expect(CalendarMonth(month.description) == month)
            month = next
        }
        // 2024-01-01 00:00 in Shanghai is 2023-12-31 16:00 UTC.
        #expect(CalendarMonth("2024-01")!.shanghaiStartMillis == 1_704_038_400_000)
        #expect(CalendarMonth("2023-12")!.adding(months: 13).description == "2025-01")
        #expect(CalendarMonth("2025-01")!.adding(months: -13).description == "2023-12")
    }
}
