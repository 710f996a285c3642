import WorkCalendar

/// The dates a call (申报通知) announces. Each is a local date in Asia/Shanghai.
public struct CallDates: Sendable, Equatable, Codable {
    /// 申报开始: the first day applications may be submitted.
    public var open: LocalDate
    /// 申报截止: the last day; "before the close" means on or before this day (it ends at 24:00).
    public var close: LocalDate
    /// 评审开始: the review may start on this day.
    public var review: LocalDate
    /// 公示开始: the notice may start on this day (the actual start is when it is started).
    public var notice: LocalDate

    public init(open: LocalDate, close: LocalDate, review: LocalDate, notice: LocalDate) {
        self.open = open
        self.close = close
        self.review = review
        self.notice = notice
    }

    /// Whether an applicant's act on `date` is before the close (the close day counts).
    public func isBeforeClose(_ date: LocalDate) -> Bool { date <= close }

    /// Refuses dates out of order: open ≤ close < review ≤ notice.
    public func validate() throws(ProgrammeError) {
        if close < open { throw .invalid("dates", "截止日期不能早于开始日期", "the close date is before the open date") }
        if review <= close { throw .invalid("dates", "评审须在截止之后开始", "the review must start after the close date") }
        if notice < review { throw .invalid("dates", "公示不能早于评审", "the notice date is before the review date") }
    }
}
