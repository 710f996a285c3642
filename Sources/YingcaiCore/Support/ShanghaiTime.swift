import Foundation
import WorkCalendar

/// Instants as people here read clocks: Beijing time, to the minute.
public enum ShanghaiTime {
    /// `2026-12-03 09:05`.
    public static func minute(_ millis: Int64) -> String {
        let shifted = millis + 8 * 3_600_000
        let days = Int((shifted - (shifted % 86_400_000 + 86_400_000) % 86_400_000) / 86_400_000)
        let ms = Int((shifted % 86_400_000 + 86_400_000) % 86_400_000)
        return String(format: "%@ %02d:%02d", LocalDate(dayNumber: days).description, ms / 3_600_000, ms / 60_000 % 60)
    }
}
