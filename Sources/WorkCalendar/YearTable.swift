/// One known year flattened into arrays, so lookups never touch a dictionary.
///
/// Built once per arrangement; at most 367 + 366 small integers per year.
struct YearTable: Sendable {
    /// Day number of 1 January.
    let firstDay: Int
    /// `cumulative[i]` = working days among the first `i` days of the year (i = 0…days).
    private let cumulative: [UInt16]
    /// `workdayOffsets[k]` = offset from 1 January of the year's (k+1)-th working day.
    private let workdayOffsets: [UInt16]

    init(_ arrangement: YearArrangement) {
        let january1 = LocalDate(year: arrangement.year, month: 1, day: 1)!
        let length = LocalDate.isLeap(arrangement.year) ? 366 : 365
        var cumulative: [UInt16] = [0]
        var workdayOffsets: [UInt16] = []
        cumulative.reserveCapacity(length + 1)
        workdayOffsets.reserveCapacity(length)
        var date = january1
        for offset in 0..<length {
            if arrangement.isWorkday(date) { workdayOffsets.append(UInt16(offset)) }
            cumulative.append(UInt16(workdayOffsets.count))
            date = date.adding(days: 1)
        }
        self.firstDay = january1.dayNumber
        self.cumulative = cumulative
        self.workdayOffsets = workdayOffsets
    }

    var workdayCount: Int { workdayOffsets.count }

    /// Working days from 1 January through `day` (inclusive); `day` must lie in this year.
    func count(through day: Int) -> Int { Int(cumulative[day - firstDay + 1]) }

    func isWorkday(_ day: Int) -> Bool {
        cumulative[day - firstDay + 1] != cumulative[day - firstDay]
    }

    /// Day number of the year's `ordinal`-th working day (1-based).
    func day(ofWorkday ordinal: Int) -> Int { firstDay + Int(workdayOffsets[ordinal - 1]) }
}
