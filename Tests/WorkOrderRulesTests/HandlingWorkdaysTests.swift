import TestRandom
import Testing
import WorkCalendar
import WorkOrderRules

/// Working days in (receipt date, resolution date], the handling time of the figures.
@Suite struct HandlingWorkdaysTests {
    static func workdays(_ received: Int64, _ resolved: Int64) -> Int {
        WorkOrderRules.handlingWorkdays(receivedAt: received, resolvedAt: resolved, calendar: calendar)
    }

    @Test func examples() {
        // Fri 27 Sep → Tue 8 Oct 2024: 29, 30 Sep, 8 Oct.
        #expect(Self.workdays(sh("2024-09-27 10:00"), sh("2024-10-08 09:00")) == 3)
        // Same day, and overnight into a non-working Saturday: nothing counted.
        #expect(Self.workdays(sh("2024-11-04 09:00"), sh("2024-11-04 18:00")) == 0)
        #expect(Self.workdays(sh("2024-09-27 23:30"), sh("2024-09-28 01:00")) == 0)
        // Into a 调休 Sunday: 1.
        #expect(Self.workdays(sh("2024-09-27 23:30"), sh("2024-09-29 01:00")) == 1)
        // Shanghai dates, not UTC: 00:30 Mon 30 Sep in Shanghai is Sun 29 Sep in UTC.
        // (30 Sep, 8 Oct] holds only 8 Oct; (29 Sep, 8 Oct] would hold 30 Sep too.
        #expect(Self.workdays(sh("2024-09-30 00:30"), sh("2024-10-08 09:00")) == 1)
        // Spring Festival 2025: (24 Jan, 10 Feb] = 26, 27 Jan, 5, 6, 7, 8, 10 Feb.
        #expect(Self.workdays(sh("2025-01-24 10:00"), sh("2025-02-10 10:00")) == 7)
        // Impossible order of events: 0, never negative.
        #expect(Self.workdays(sh("2024-10-08 09:00"), sh("2024-09-27 10:00")) == 0)
    }

    /// Against a day-by-day count that reads the arrangements directly.
    @Test func matchesBruteForce() {
        var random = SplitMix64(seed: 0x1235_1123_45)
        let first = sh("2019-12-01 00:00"), last = sh("2027-03-01 00:00")
        for _ in 0..<3_000 {
            let received = Int64.random(in: first...last, using: &random)
            let resolved = received + Int64.random(in: 0...(120 * day), using: &random)
            let expected = Self.bruteForce(LocalDate(shanghaiMillis: received), LocalDate(shanghaiMillis: resolved))
            #expect(Self.workdays(received, resolved) == expected, "\(received) → \(resolved)")
        }
    }

    static func bruteForce(_ start: LocalDate, _ end: LocalDate) -> Int {
        var count = 0
        var date = start.adding(days: 1)
        while date <= end {
            if isWorkday(date) { count += 1 }
            date = date.adding(days: 1)
        }
        return count
    }

    /// The rule of RULES.md, straight from a year's arrangement: holidays off, 调休 weekend days on,
    /// otherwise Monday–Friday (also for a year without an arrangement).
    static func isWorkday(_ date: LocalDate) -> Bool {
        if let arrangement = calendar.arrangement(for: date.year) {
            if arrangement.holidays[date] != nil { return false }
            if arrangement.workdays.contains(date) { return true }
        }
        return date.weekday <= 5
    }
}
