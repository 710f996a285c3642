/// The `start_date`..`end_date` range of GET requests (and of FixMyStreet's update feed), both
/// inclusive, compared with `requested_datetime` (or `updated_datetime` for updates).
public struct DateWindow: Sendable, Equatable {
    public let start: W3CDateTime
    public let end: W3CDateTime

    /// The spec: "may not span more than 90 days"; "when not specified, the range defaults to most
    /// recent 90 days".
    public static let maximumDays = 90

    public init(start: W3CDateTime, end: W3CDateTime) {
        self.start = start
        self.end = end
    }

    public func contains(_ instant: W3CDateTime) -> Bool { start <= instant && instant <= end }

    /// The window a call asks for. Neither date: the 90 days up to `now`. Only `start_date`: 90 days
    /// from it. Only `end_date`: the 90 days up to it. Both: as given, at most 90 days apart.
    static func parse(start: String?, end: String?, now: W3CDateTime, problems: inout [Problem]) -> DateWindow? {
        let span = Int64(maximumDays) * 86_400
        let from = start.flatMap { parseDate($0, name: "start_date", problems: &problems) }
        let to = end.flatMap { parseDate($0, name: "end_date", problems: &problems) }
        if (start != nil && from == nil) || (end != nil && to == nil) { return nil }
        switch (from, to) {
        case (let from?, let to?):
            if from > to {
                problems.append(.reversedDateRange)
                return nil
            }
            if to.secondsSince1970 - from.secondsSince1970 > span
                || (to.secondsSince1970 - from.secondsSince1970 == span && to.nanoseconds > from.nanoseconds)
            {
                problems.append(.dateRangeTooWide(maximumDays: maximumDays))
                return nil
            }
            return DateWindow(start: from, end: to)
        case (let from?, nil): return DateWindow(start: from, end: from.adding(seconds: span))
        case (nil, let to?): return DateWindow(start: to.adding(seconds: -span), end: to)
        case (nil, nil): return DateWindow(start: now.adding(seconds: -span), end: now)
        }
    }

    private static func parseDate(_ text: String, name: String, problems: inout [Problem]) -> W3CDateTime? {
        guard let value = W3CDateTime(parsing: text) else {
            problems.append(.invalidParameter(name: name, reason: "must be a W3C date-time with offset, e.g. 2010-01-01T00:00:00Z"))
            return nil
        }
        return value
    }
}
