import Storage
import WorkCalendar

/// The clock of the use cases, passed in so that tests and the demo's simulated months can set it.
public struct Clockwork: Sendable {
    public let nowMillis: @Sendable () -> Int64

    public init(nowMillis: @escaping @Sendable () -> Int64 = { Clock.nowMillis() }) {
        self.nowMillis = nowMillis
    }

    /// Today in Asia/Shanghai.
    public var today: LocalDate { LocalDate(shanghaiMillis: nowMillis()) }

    public static let system = Clockwork()
}
