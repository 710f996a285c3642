import Testing
import WorkCalendar

/// The worked examples the rules are stated with.
@Suite struct ExamplesTests {
    let calendar = WorkCalendar.official

    @Test func fridayReceiptBeforeNationalDay() {
        // Sun 29 Sep (调休上班) and Mon 30 Sep count, 1–7 Oct is 国庆节, so the 3rd is 8 Oct.
        let result = calendar.addWorkdays(3, to: ymd("2024-09-27"))
        #expect(result == CalendarResult(value: ymd("2024-10-08"), calendarComplete: true))
        #expect(calendar.addWorkdays(1, to: ymd("2024-09-27")).value == ymd("2024-09-29"))
        #expect(calendar.addWorkdays(2, to: ymd("2024-09-27")).value == ymd("2024-09-30"))
    }

    @Test func saturdayReceiptInsideNationalDay() {
        let result = calendar.addWorkdays(1, to: ymd("2024-10-05"))
        #expect(result == CalendarResult(value: ymd("2024-10-08"), calendarComplete: true))
    }

    @Test func countingBetweenExcludesTheStartDay() {
        #expect(calendar.workdaysBetween(ymd("2024-09-27"), ymd("2024-10-08")).value == 3)
        #expect(calendar.workdaysBetween(ymd("2024-10-08"), ymd("2024-09-27")).value == -3)
        #expect(calendar.workdaysBetween(ymd("2024-10-08"), ymd("2024-10-08")) == CalendarResult(value: 0, calendarComplete: true))
        #expect(calendar.workdaysBetween(ymd("2024-09-30"), ymd("2024-10-07")).value == 0)
    }

    @Test func deadlineEndsAtMidnightShanghai() {
        // 24:00 on 8 Oct in UTC+8 is 16:00 UTC on 8 Oct.
        #expect(calendar.deadlineMillis(of: ymd("2024-10-08")) == 1_728_403_200_000)
        let deadline = calendar.deadlineMillis(of: ymd("2024-10-08"))
        #expect(LocalDate(shanghaiMillis: deadline - 1) == ymd("2024-10-08"))
        #expect(LocalDate(shanghaiMillis: deadline) == ymd("2024-10-09"))
    }

    @Test func holidayNamesAndAdjustedWorkdays() {
        #expect(calendar.holidayName(ymd("2024-10-01")) == "国庆节")
        #expect(calendar.holidayName(ymd("2024-02-12")) == "春节")
        #expect(calendar.holidayName(ymd("2025-01-28")) == "春节")  // 除夕, a holiday since 2025
        #expect(calendar.holidayName(ymd("2024-09-29")) == nil)     // 调休上班
        #expect(calendar.holidayName(ymd("2024-10-08")) == nil)
        #expect(calendar.isWorkday(ymd("2024-09-29")))
        #expect(!calendar.isWorkday(ymd("2024-10-07")))
        #expect(!calendar.isWorkday(ymd("2024-10-05")))
        #expect(calendar.isWorkday(ymd("2024-02-09")))  // 除夕 2024 was only "encouraged" off
    }

    @Test func shippedYears() {
        #expect(calendar.knownYears == Set(2020...2026))
        #expect(calendar.knownYearRange == 2020...2026)
        #expect(calendar.isComplete(for: ymd("2026-12-31")))
        #expect(!calendar.isComplete(for: ymd("2027-01-01")))
        #expect(!calendar.isComplete(for: ymd("2019-12-31")))
    }

    /// Documented tie-breaks for hand-built arrangements (the CSV import rejects both cases).
    @Test func conflictingAndStrayEntries() {
        let sunday = ymd("2028-01-02"), monday = ymd("2028-01-03")
        let arrangement = YearArrangement(year: 2028, holidays: [sunday: "冲突", ymd("2029-01-01"): "元旦"], workdays: [sunday])
        let calendar = WorkCalendar(arrangements: [arrangement])
        #expect(!calendar.isWorkday(sunday), "a holiday beats a workday")
        #expect(calendar.isWorkday(monday))
        #expect(calendar.isWorkday(ymd("2029-01-01")), "entries outside the year are ignored")
        #expect(calendar.holidayName(ymd("2029-01-01")) == nil)
        #expect(calendar.addWorkdays(1, to: ymd("2027-12-31")) == CalendarResult(value: monday, calendarComplete: true))
    }

    @Test func zeroWorkdaysIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            _ = WorkCalendar.official.addWorkdays(0, to: LocalDate(year: 2024, month: 1, day: 1)!)
        }
    }
}
