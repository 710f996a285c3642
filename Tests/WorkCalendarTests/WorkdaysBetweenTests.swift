import TestRandom
import Testing
import WorkCalendar

/// `workdaysBetween` against day-by-day counting.
@Suite struct WorkdaysBetweenTests {
    let calendar = WorkCalendar.official
    let timeline = ReferenceCalendar(officialArrangements).timeline(from: "2000-01-01", to: "2045-12-31")

    @Test func randomPairsOfAnyLength() {
        var random = SplitMix64(state: 20_240_927)
        let low = ymd("2012-01-01").dayNumber, high = ymd("2034-12-31").dayNumber
        var failures: [String] = []
        for round in 0..<3000 {
            let a = LocalDate(dayNumber: Int.random(in: low...high, using: &random))
            // Mostly short spans like real time limits, some up to 3000 days either way.
            let span = round % 3 == 0 ? Int.random(in: -3000...3000, using: &random) : Int.random(in: -60...60, using: &random)
            let b = a.adding(days: span)
            let got = calendar.workdaysBetween(a, b), expected = timeline.workdaysBetween(a, b)
            if got != expected { failures.append("(\(a), \(b)]: got \(got), expected \(expected)") }
        }
        expectNone(failures, "mismatches with brute force")
    }

    /// Every pair of days within two weeks either side of each holiday period.
    @Test func allPairsAroundHolidayPeriods() {
        var failures: [String] = []
        for period in HandWritten.years.flatMap(\.periods) {
            let window = (ymd(period.first).dayNumber - 14)...(ymd(period.last).dayNumber + 14)
            for a in window {
                for b in window {
                    let start = LocalDate(dayNumber: a), end = LocalDate(dayNumber: b)
                    let got = calendar.workdaysBetween(start, end), expected = timeline.workdaysBetween(start, end)
                    if got != expected { failures.append("(\(start), \(end)]: got \(got), expected \(expected)") }
                }
            }
        }
        expectNone(failures, "mismatches with brute force")
    }

    @Test func yearBoundariesAndCompleteness() {
        // Only the counted days (a, b] matter: 31 Dec 2019 itself is never classified.
        #expect(calendar.workdaysBetween(ymd("2019-12-31"), ymd("2020-12-31")).calendarComplete)
        #expect(!calendar.workdaysBetween(ymd("2019-12-30"), ymd("2020-01-05")).calendarComplete)
        #expect(!calendar.workdaysBetween(ymd("2020-01-05"), ymd("2019-12-30")).calendarComplete)
        #expect(calendar.workdaysBetween(ymd("2026-01-01"), ymd("2026-12-31")).calendarComplete)
        #expect(!calendar.workdaysBetween(ymd("2026-12-31"), ymd("2027-01-01")).calendarComplete)
        #expect(calendar.workdaysBetween(ymd("2030-05-05"), ymd("2030-05-05")).calendarComplete)
    }

    @Test func antisymmetry() {
        var random = SplitMix64(state: 7)
        for _ in 0..<500 {
            let a = LocalDate(dayNumber: Int.random(in: 15_000...22_000, using: &random))
            let b = LocalDate(dayNumber: Int.random(in: 15_000...22_000, using: &random))
            let forward = calendar.workdaysBetween(a, b), backward = calendar.workdaysBetween(b, a)
            #expect(forward.value == -backward.value && forward.calendarComplete == backward.calendarComplete)
        }
    }
}
