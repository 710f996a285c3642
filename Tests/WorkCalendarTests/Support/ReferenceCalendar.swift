import Testing
import WorkCalendar

/// A deliberately naive calendar to test the indexed one against: it classifies each day from
/// the arrangements directly and steps day by day, sharing no code with `WorkdayIndex`.
struct ReferenceCalendar {
    let arrangements: [Int: YearArrangement]

    init(_ arrangements: [YearArrangement]) {
        self.arrangements = Dictionary(arrangements.map { ($0.year, $0) }, uniquingKeysWith: { $1 })
    }

    func isKnown(_ date: LocalDate) -> Bool { arrangements[date.year] != nil }

    func isWorkday(_ date: LocalDate) -> Bool {
        guard let arrangement = arrangements[date.year] else { return (1...5).contains(date.weekday) }
        if arrangement.holidays[date] != nil { return false }
        if arrangement.workdays.contains(date) { return true }
        return (1...5).contains(date.weekday)
    }

    /// Precomputed day flags over a window, so brute force over millions of steps stays fast.
    func timeline(from first: String, to last: String) -> ReferenceTimeline {
        let start = LocalDate(first)!.dayNumber, end = LocalDate(last)!.dayNumber
        let days = (start...end).map(LocalDate.init(dayNumber:))
        return ReferenceTimeline(firstDay: start, workday: days.map(isWorkday), known: days.map(isKnown))
    }
}

struct ReferenceTimeline {
    let firstDay: Int
    let workday: [Bool]
    let known: [Bool]

    var lastDay: Int { firstDay + workday.count - 1 }

    /// The n-th working day strictly after `date`, stepping one day at a time.
    func addWorkdays(_ n: Int, to date: LocalDate) -> CalendarResult<LocalDate> {
        var index = date.dayNumber - firstDay
        var remaining = n
        var complete = true
        while remaining > 0 {
            index += 1
            complete = complete && known[index]
            if workday[index] { remaining -= 1 }
        }
        return CalendarResult(value: LocalDate(dayNumber: firstDay + index), calendarComplete: complete)
    }

    /// Working days in (a, b], negated when a > b.
    func workdaysBetween(_ a: LocalDate, _ b: LocalDate) -> CalendarResult<Int> {
        let (low, high, sign) = a <= b ? (a, b, 1) : (b, a, -1)
        var count = 0
        var complete = true
        var index = low.dayNumber - firstDay + 1
        let end = high.dayNumber - firstDay
        while index <= end {
            complete = complete && known[index]
            if workday[index] { count += 1 }
            index += 1
        }
        return CalendarResult(value: sign * count, calendarComplete: complete)
    }
}


func ymd(_ text: String) -> LocalDate { LocalDate(text)! }

/// The shipped arrangements, rebuilt from the public API so tests need no internal access.
let officialArrangements: [YearArrangement] = WorkCalendar.official.knownYears.sorted().map {
    WorkCalendar.official.arrangement(for: $0)!
}

/// Fails with a count and the first few items rather than dumping thousands of mismatches.
func expectNone<T>(_ items: [T], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !items.isEmpty else { return }
    let shown = items.prefix(5).map { "\($0)" }.joined(separator: "\n  ")
    Issue.record("\(items.count) \(what); first:\n  \(shown)", sourceLocation: sourceLocation)
}
