import Testing
import WorkCalendar

@Suite("Local dates")
struct LocalDateTests {
    @Test("day numbers round-trip for every day from 1900 to 2100")
    func roundTrip() {
        var previous: LocalDate?
        for n in LocalDate("1900-01-01")!.dayNumber...LocalDate("2100-12-31")!.dayNumber {
            let d = LocalDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(LocalDate(d.description) == d)
            if let p = previous { #expect(p < d) }
            previous = d
        }
    }

    @Test("weekdays follow the calendar")
    func weekdays() {
        #expect(LocalDate("2024-09-27")!.weekday == 5)  // a Friday
        #expect(LocalDate("2024-09-29")!.weekday == 7)  // a Sunday
        #expect(LocalDate("1970-01-01")!.weekday == 4)
        #expect(LocalDate("2000-02-29")!.weekday == 2)
    }

    @Test("only real dates parse")
    func parsing() {
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2024-2-29") == nil)
        #expect(LocalDate("2024-13-01") == nil)
        #expect(LocalDate("abcd-ef-gh") == nil)
    }

    @Test("a Shanghai instant falls on the Shanghai date (UTC+8)")
    func shanghai() {
        let d = LocalDate("2026-11-25")!
        #expect(LocalDate(shanghaiMillis: d.shanghaiStartMillis) == d)
        #expect(LocalDate(shanghaiMillis: d.shanghaiStartMillis - 1) == LocalDate("2026-11-24"))
        // 2026-11-24T16:00:00Z is midnight in Shanghai.
        #expect(d.shanghaiStartMillis == 1_795_536_000_000)
    }
}
