#if canImport(Glibc)
import TestRandom
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import WorkCalendar

/// Throughput check, off by default: `WORKCALENDAR_BENCH=1 swift test -c release --filter PerformanceTests`.
@Suite(.enabled(if: getenv("WORKCALENDAR_BENCH") != nil))
struct PerformanceTests {
    @Test func millionsOfDeadlines() {
        let calendar = WorkCalendar.official
        var random = SplitMix64(state: 1)
        let starts = (0..<1_000_000).map { _ in LocalDate(dayNumber: Int.random(in: 17_500...21_000, using: &random)) }
        let clock = ContinuousClock()
        var checksum = 0
        let adding = clock.measure {
            for (i, start) in starts.enumerated() { checksum &+= calendar.addWorkdays(1 + i % 60, to: start).value.day }
        }
        let between = clock.measure {
            for i in 1..<starts.count { checksum &+= calendar.workdaysBetween(starts[i - 1], starts[i]).value }
        }
        print("1M addWorkdays: \(adding), 1M workdaysBetween: \(between) (checksum \(checksum))")
        #expect(adding < .seconds(5) && between < .seconds(5))
    }
}
