/// A month of the calendar in Asia/Shanghai, written `YYYY-MM`: the unit the append-only tables
/// are partitioned and archived by (`yingcai archive --before 2024-01`).
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: some StringProtocol) {
        guard text.utf8.count == 7, let date = LocalDate(text + "-01") else { return nil }
        self.init(date)
    }

    /// The month a date falls in.
    public init(_ date: LocalDate) {
        year = date.year
        month = date.month
    }

    /// The month in Asia/Shanghai of an instant given as milliseconds since the Unix epoch.
    public init(shanghaiMillis millis: Int64) {
        self.init(LocalDate(shanghaiMillis: millis))
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }

    /// Milliseconds since the Unix epoch at 00:00 of the month's first day in Asia/Shanghai: the
    /// lower bound (inclusive) of the month's partition, the next month's start its upper bound.
    public var shanghaiStartMillis: Int64 { firstDay.shanghaiStartMillis }

    public func adding(months: Int) -> CalendarMonth {
        let index = year * 12 + (month - 1) + months
        return CalendarMonth(year: index / 12, month: index % 12 + 1)!
    }

    /// `YYYYMM`, the suffix of the month's partition (`work_order_events_p202401`).
    public var compact: String { description.filter { $0 != "-" } }

    /// `YYYY-MM`: the first day's `YYYY-MM-DD` without its day.
    public var description: String { String(firstDay.description.prefix(7)) }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
