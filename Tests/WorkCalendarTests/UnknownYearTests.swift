import TestRandom
import Testing
import WorkCalendar

/// Years without an arrangement are Mon–Fri, and every answer touching them says so.
@Suite struct UnknownYearTests {
    let calendar = WorkCalendar.official

    @Test func yearsOutsideTheShippedRangeAreMondayToFriday() {
        #expect(calendar.isWorkday(ymd("2027-01-01")))   // a Friday; 元旦 is not known yet
        #expect(calendar.isWorkday(ymd("2019-10-01")))   // 2019 is not shipped
        #expect(!calendar.isWorkday(ymd("2027-01-02")))
        #expect(calendar.holidayName(ymd("2027-01-01")) == nil)
    }

    @Test func spanningIntoAnUnknownYearIsIncomplete() {
        // Mon 28 – Thu 31 Dec 2026 are 1–4, Fri 1 Jan 2027 is 5, 4–8 Jan are 6–10.
        let result = calendar.addWorkdays(10, to: ymd("2026-12-25"))
        #expect(result == CalendarResult(value: ymd("2027-01-08"), calendarComplete: false))
        #expect(calendar.addWorkdays(4, to: ymd("2026-12-25")) == CalendarResult(value: ymd("2026-12-31"), calendarComplete: true))
        #expect(calendar.addWorkdays(1, to: ymd("2026-12-31")).calendarComplete == false)
        // Counting starts the day after receipt, so receipt on 31 Dec 2019 touches only 2020.
        #expect(calendar.addWorkdays(1, to: ymd("2019-12-31")) == CalendarResult(value: ymd("2020-01-02"), calendarComplete: true))
        #expect(calendar.addWorkdays(1, to: ymd("2019-12-30")).calendarComplete == false)
    }

    @Test func importingTheNextYearCompletesIt() {
        let next = YearArrangement(year: 2027, holidays: [ymd("2027-01-01"): "元旦"])
        let extended = calendar.replacing(next)
        #expect(extended.addWorkdays(10, to: ymd("2026-12-25")) == CalendarResult(value: ymd("2027-01-11"), calendarComplete: true))
        #expect(extended.knownYears == Set(2020...2027))
        #expect(calendar.knownYears == Set(2020...2026), "replacing returns a new calendar")
    }

    /// With no arrangements at all the answer is pure weekday arithmetic, for any span.
    @Test func emptyCalendarIsMondayToFridayArithmetic() {
        let empty = WorkCalendar(arrangements: [])
        #expect(empty.knownYears.isEmpty)
        #expect(empty.knownYearRange == nil)
        var random = SplitMix64(state: 42)
        for _ in 0..<300 {
            let start = LocalDate(dayNumber: Int.random(in: -40_000...60_000, using: &random))
            let span = Int.random(in: 0...3000, using: &random)
            let end = start.adding(days: span)
            let between = empty.workdaysBetween(start, end)
            let expected = span == 0 ? 0 : (1...span).filter { !start.adding(days: $0).isWeekend }.count
            #expect(between == CalendarResult(value: expected, calendarComplete: span == 0), "(\(start), \(end)]")
            if expected > 0 {
                let due = empty.addWorkdays(expected, to: start)
                // The last working day of the span: the end itself or the Friday before it.
                var last = end
                while last.isWeekend { last = last.adding(days: -1) }
                #expect(due == CalendarResult(value: last, calendarComplete: false), "\(start) + \(expected)")
            }
        }
    }

    /// A weekend-only span in an unknown year counts 0 but still relied on Mon–Fri.
    @Test func weekendSpanInUnknownYear() {
        #expect(calendar.workdaysBetween(ymd("2027-01-08"), ymd("2027-01-10")) == CalendarResult(value: 0, calendarComplete: false))
        #expect(calendar.workdaysBetween(ymd("1999-12-31"), ymd("2030-12-31")).calendarComplete == false)
    }

    /// Far outside the shipped years the counts still agree with the reference.
    @Test func farYearsMatchReference() {
        let reference = ReferenceCalendar(officialArrangements)
        let timeline = reference.timeline(from: "1960-01-01", to: "2090-12-31")
        for (a, b) in [("1960-01-01", "2090-12-31"), ("1999-07-01", "2021-03-03"), ("2025-06-01", "2060-01-01")] {
            #expect(calendar.workdaysBetween(ymd(a), ymd(b)) == timeline.workdaysBetween(ymd(a), ymd(b)))
        }
    }
}
