import Foundation
import Hummingbird
import WorkCalendar
import YingcaiCore

/// The working-day calendar: arithmetic and an admin's import of a year.
struct CalendarController {
    let app: Yingcai

    struct AddAnswer: Encodable {
        let date: String
        let calendarComplete: Bool
    }

    func add(to api: APIRoutes) {
        api.get("/calendar/add-workdays") { request, _ in
            let p = request.uri.queryParameters
            var errors = FieldErrors()
            let date = p.get("date").flatMap { LocalDate($0) }
            if date == nil { errors.add("date", "日期格式应为 YYYY-MM-DD / date is YYYY-MM-DD") }
            let days = p.get("days").flatMap { Int($0) }
            if days == nil || !(1...3650).contains(days!) { errors.add("days", "工作日数为 1–3650 / days is 1 to 3650") }
            try errors.throwIfAny()
            let result = try await app.calendars.calendar().addWorkdays(days!, to: date!)
            return try JSON.response(AddAnswer(date: result.value.description, calendarComplete: result.calendarComplete))
        }
        api.get("/calendar/workdays-between") { request, _ in
            let p = request.uri.queryParameters
            guard let from = p.get("from").flatMap({ LocalDate($0) }), let to = p.get("to").flatMap({ LocalDate($0) }) else {
                throw CoreError.invalid("from", "from 与 to 为 YYYY-MM-DD / from and to are dates")
            }
            let result = try await app.calendars.calendar().workdaysBetween(from, to)
            return try JSON.response(["workdays": result.value], status: .ok)
        }
        api.post("/calendar/years") { request, context in
            let user = try context.user()
            let text = String(decoding: try await request.bodyData(context), as: UTF8.self)
            let year = request.uri.queryParameters.get("year").flatMap { Int($0) }
            let arrangement = try await app.calendars.importYear(csv: text, year: year, by: user)
            return try JSON.response(["year": arrangement.year, "holidays": arrangement.holidays.count, "workdays": arrangement.workdays.count],
                                     status: .created)
        }
    }
}
