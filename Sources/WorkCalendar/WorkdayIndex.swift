/// A running count of working days over the whole timeline, answering both directions in O(1)
/// (plus a binary search over years for the inverse).
///
/// `count(through: b) - count(through: a)` is the number of working days in (a, b]. Outside
/// known years the count is Mon–Fri arithmetic shifted by the surplus or deficit of every
/// known year before it, so spans that cross known and unknown years need no day-by-day walk.
struct WorkdayIndex: Sendable {
    /// One slot per year from the first to the last known year; unknown years in between are gaps.
    private struct Slot: Sendable {
        let year: Int
        let table: YearTable?
        /// Σ (working days − Mon–Fri days) over known years before this one.
        let shiftBefore: Int
        /// Running count at the day before 1 January and at 31 December.
        let countBefore: Int
        let countAtEnd: Int
        /// Known years among the slots up to and including this one.
        let knownThrough: Int
    }

    private let slots: [Slot]
    private let shiftAfter: Int

    init(_ arrangements: [Int: YearArrangement]) {
        guard let first = arrangements.keys.min(), let last = arrangements.keys.max() else {
            slots = []
            shiftAfter = 0
            return
        }
        var slots: [Slot] = []
        var shift = 0
        var known = 0
        for year in first...last {
            let firstDay = LocalDate(year: year, month: 1, day: 1)!.dayNumber
            let lastDay = LocalDate(year: year, month: 12, day: 31)!.dayNumber
            let table = arrangements[year].map(YearTable.init)
            let countBefore = MondayToFriday.count(through: firstDay - 1) + shift
            let shiftBefore = shift
            if let table {
                let monFri = MondayToFriday.count(through: lastDay) - MondayToFriday.count(through: firstDay - 1)
                shift += table.workdayCount - monFri
                known += 1
            }
            slots.append(Slot(
                year: year, table: table,
                shiftBefore: shiftBefore, countBefore: countBefore,
                countAtEnd: MondayToFriday.count(through: lastDay) + shift,
                knownThrough: known))
        }
        self.slots = slots
        self.shiftAfter = shift
    }

    /// Running count of working days through `date` (inclusive).
    func count(through date: LocalDate) -> Int {
        let day = date.dayNumber
        guard let firstYear = slots.first?.year else { return MondayToFriday.count(through: day) }
        let index = date.year - firstYear
        if index < 0 { return MondayToFriday.count(through: day) }
        if index >= slots.count { return MondayToFriday.count(through: day) + shiftAfter }
        let slot = slots[index]
        if let table = slot.table { return slot.countBefore + table.count(through: day) }
        return MondayToFriday.count(through: day) + slot.shiftBefore
    }

    /// The first day whose running count reaches `target`: the working day that is
    /// `target - count(through: d)` working days after any earlier `d`.
    func firstDay(reachingCount target: Int) -> Int {
        guard let firstSlot = slots.first, let lastSlot = slots.last else {
            return MondayToFriday.firstDay(reachingCount: target)
        }
        if target <= firstSlot.countBefore { return MondayToFriday.firstDay(reachingCount: target) }
        if target > lastSlot.countAtEnd { return MondayToFriday.firstDay(reachingCount: target - shiftAfter) }
        // First slot whose end count reaches the target; the count is monotone across slots.
        var low = 0
        var high = slots.count - 1
        while low < high {
            let middle = (low + high) / 2
            if slots[middle].countAtEnd >= target { high = middle } else { low = middle + 1 }
        }
        let slot = slots[low]
        if let table = slot.table { return table.day(ofWorkday: target - slot.countBefore) }
        return MondayToFriday.firstDay(reachingCount: target - slot.shiftBefore)
    }

    func isWorkday(_ date: LocalDate) -> Bool {
        if let table = table(for: date.year) { return table.isWorkday(date.dayNumber) }
        return !date.isWeekend
    }

    /// Whether every year in `years` has an arrangement.
    func allKnown(_ years: ClosedRange<Int>) -> Bool {
        guard let firstYear = slots.first?.year, let lastYear = slots.last?.year else { return false }
        guard years.lowerBound >= firstYear, years.upperBound <= lastYear else { return false }
        let upper = slots[years.upperBound - firstYear].knownThrough
        let lower = years.lowerBound == firstYear ? 0 : slots[years.lowerBound - firstYear - 1].knownThrough
        return upper - lower == years.count
    }

    private func table(for year: Int) -> YearTable? {
        guard let firstYear = slots.first?.year else { return nil }
        let index = year - firstYear
        guard slots.indices.contains(index) else { return nil }
        return slots[index].table
    }
}
