/// The numbers of the rules in one place, so that docs, checks and tests name the same thing.
public enum TimeLimits {
    /// 签收时限: the order must be signed for by the end of the 1st working day after dispatch.
    public static let signForWorkdays = 1
    /// 签收时限 for an urgent order: 2 hours of clock time after dispatch (not working hours).
    public static let urgentSignForMillis: Int64 = 2 * 3_600_000

    /// A service application whose catalogue item names no promise falls back to the 20 days
    /// of the Administrative Licensing Law (《行政许可法》第四十二条), the usual statutory default.
    public static let defaultServiceWorkdays = 20

    /// 延期: at most this many approved extensions per order …
    public static let maxExtensions = 3
    /// … each of at most this many working days.
    public static let maxExtensionWorkdays = 3

    /// 好差评: an order resolved and not rated within these working days is closed by the system.
    public static let ratingWindowWorkdays = 5
    /// 差评回访: the lead handler calls the requester back within 1 working day of a bad rating.
    public static let callbackWorkdays = 1
    /// 差评整改: rectification within 15 working days. It is also the handling limit of a
    /// reopened order and how long a bad-rated order stays open before the system closes it.
    public static let rectificationWorkdays = 15

    /// Reasons, notes, opinions and results: at most this many characters once trimmed.
    public static let maxTextLength = 1000
}
