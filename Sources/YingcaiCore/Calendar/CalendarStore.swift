import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Storage
import WorkCalendar

/// The official working-day calendar in force: the arrangements shipped with the product
/// (2020–2026), with the years an admin imported laid over them. Each instance holds it in memory
/// and reloads it after a minute, so an import on one instance reaches the others.
public final class CalendarStore: Sendable {
    let db: Database
    private let cached = NIOLockedValueBox<(calendar: WorkCalendar, loadedAt: Int64)?>(nil)

    public init(db: Database) { self.db = db }

    public func calendar() async throws -> WorkCalendar {
        if let c = cached.withLockedValue({ $0 }), Clock.nowMillis() - c.loadedAt < 60_000 { return c.calendar }
        return try await reload()
    }

    @discardableResult
    public func reload() async throws -> WorkCalendar {
        let rows = try await db.read { db in
            try await db.raw("SELECT year, arrangement FROM calendar_years ORDER BY year").all()
        }
        var calendar = WorkCalendar.official
        for row in rows {
            let year = try row.decode(column: "year", as: Int.self)
            if case .success(let arrangement) = ArrangementCSV.parse(try row.decode(column: "arrangement", as: String.self), year: year) {
                calendar = calendar.replacing(arrangement)
            }
        }
        cached.withLockedValue { $0 = (calendar, Clock.nowMillis()) }
        return calendar
    }

    /// Loads a year's arrangement from an admin's CSV (`date,kind,name`), replacing that year.
    public func importYear(csv text: String, year: Int? = nil, by principal: Principal?) async throws -> YearArrangement {
        if let principal, !principal.has(.admin) {
            throw CoreError.forbidden("只有管理员可以维护工作日历 / only an admin maintains the calendar")
        }
        let arrangement: YearArrangement
        switch ArrangementCSV.parse(text, year: year) {
        case .success(let a): arrangement = a
        case .failure(let failure):
            throw CoreError.validation(failure.errors.map { FieldError(field: "line \($0.line)", message: $0.description) })
        }
        let now = Clock.nowMillis()
        try await db.transaction { db in
            try await db.raw("DELETE FROM calendar_years WHERE year = \(bind: arrangement.year)").run()
            try await db.raw("""
                INSERT INTO calendar_years (year, arrangement, imported_at, imported_by)
                VALUES (\(bind: arrangement.year), \(bind: text), \(bind: now), \(bind: principal?.userId))
                """).run()
        }
        try await reload()
        return arrangement
    }

    /// The years an admin imported, with when: the admin page lists them beside the shipped years.
    public func importedYears() async throws -> [Int: Int64] {
        let rows = try await db.read { db in try await db.raw("SELECT year, imported_at FROM calendar_years ORDER BY year").all() }
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "year", as: Int.self), try $0.decode(column: "imported_at", as: Int64.self)) })
    }
}
