import TestRandom
import Testing
import WorkCalendar

/// `addWorkdays` against day-by-day stepping, for every start date around the shipped years.
@Suite struct AddWorkdaysTests {
    static let counts = Array(1...30) + [45, 60, 90, 120, 250, 500]

    /// Starts on either side of the shipped years, so results cross into unknown years too.
    static let starts = (ymd("2019-12-01").dayNumber...ymd("2027-01-31").dayNumber).map(LocalDate.init(dayNumber:))

    struct Mismatch: CustomStringConvertible {
        let start: LocalDate, n: Int
        let got: CalendarResult<LocalDate>, expected: CalendarResult<LocalDate>
        var description: String { "\(start) + \(n): got \(got), expected \(expected)" }
    }

    static func mismatches(_ calendar: WorkCalendar, _ timeline: ReferenceTimeline, counts: [Int] = counts) -> [Mismatch] {
        var found: [Mismatch] = []
        for start in starts {
            for n in counts {
                let got = calendar.addWorkdays(n, to: start)
                let expected = timeline.addWorkdays(n, to: start)
                if got != expected { found.append(Mismatch(start: start, n: n, got: got, expected: expected)) }
            }
        }
        return found
    }

    @Test func officialCalendarMatchesBruteForce() {
        let timeline = ReferenceCalendar(officialArrangements).timeline(from: "2019-11-01", to: "2029-12-31")
        let found = Self.mismatches(.official, timeline)
        expectNone(found, "mismatches with brute force")
    }

    /// Gaps between known years exercise the shifted Mon–Fri counting between tables.
    @Test func calendarWithGapsMatchesBruteForce() {
        let arrangements = officialArrangements.filter { [2021, 2024, 2026].contains($0.year) }
            + [Self.syntheticYear(2023), Self.syntheticYear(2028)]
        let timeline = ReferenceCalendar(arrangements).timeline(from: "2019-11-01", to: "2029-12-31")
        let found = Self.mismatches(WorkCalendar(arrangements: arrangements), timeline)
        expectNone(found, "mismatches with brute force")
    }

    @Test func workdaysBetweenUndoesAddWorkdays() {
        let calendar = WorkCalendar.official
        var failures: [String] = []
        for start in Self.starts {
            for n in Self.counts {
                let due = calendar.addWorkdays(n, to: start).value
                let back = calendar.workdaysBetween(start, due).value
                if back != n || !calendar.isWorkday(due) { failures.append("\(start) + \(n) = \(due), back \(back)") }
            }
        }
        expectNone(failures, "round trips that failed")
    }

    /// Spans of thousands of days, across the whole shipped range and beyond it.
    @Test func veryLongSpans() {
        let timeline = ReferenceCalendar(officialArrangements).timeline(from: "2010-01-01", to: "2040-12-31")
        for start in ["2012-03-04", "2019-12-31", "2020-01-01", "2022-06-15", "2026-12-31", "2030-01-01"].map(ymd) {
            for n in [1000, 1500, 2000, 2200] {
                #expect(WorkCalendar.official.addWorkdays(n, to: start) == timeline.addWorkdays(n, to: start), "\(start) + \(n)")
            }
        }
    }

    /// A year with holidays and 调休 workdays in odd places, including 1 Jan and 31 Dec.
    static func syntheticYear(_ year: Int) -> YearArrangement {
        var arrangement = YearArrangement(year: year)
        var random = SplitMix64(state: UInt64(year))
        let january1 = LocalDate(year: year, month: 1, day: 1)!.dayNumber
        let december31 = LocalDate(year: year, month: 12, day: 31)!.dayNumber
        for day in [january1, december31] + (0..<60).map({ _ in Int.random(in: january1...december31, using: &random) }) {
            let date = LocalDate(dayNumber: day)
            if date.isWeekend, Bool.random(using: &random) {
                arrangement.workdays.insert(date)
            } else {
                arrangement.holidays[date] = "测试假日"
            }
        }
        return arrangement
    }
}
