/// Closed-form Mon–Fri counting, the rule for years without an official arrangement.
///
/// Everything works on day numbers (days since 1970-01-05, a Monday, shifted back to the epoch)
/// with floor division, so spans of any length and dates before 1970 cost the same O(1).
enum MondayToFriday {
    /// Day number of 1970-01-05, a Monday: the anchor that makes weekday arithmetic a remainder.
    private static let referenceMonday = 4

    /// A running count of Mon–Fri days: `count(through: b) - count(through: a)` is the number
    /// of Mon–Fri days in (a, b]. The absolute value is meaningless; only differences are used.
    static func count(through day: Int) -> Int {
        let (weeks, dayOfWeek) = floorDivision(day - referenceMonday, 7)  // dayOfWeek 0 = Monday
        return weeks * 5 + min(dayOfWeek + 1, 5)
    }

    /// The smallest day whose running count reaches `target`; it is always a Mon–Fri day.
    static func firstDay(reachingCount target: Int) -> Int {
        let (weeks, dayOfWeek) = floorDivision(target - 1, 5)
        return referenceMonday + weeks * 7 + dayOfWeek
    }

    private static func floorDivision(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((a % b) + b) % b
        return ((a - remainder) / b, remainder)
    }
}
