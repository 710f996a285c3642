import ArgumentParser
import Foundation
import WorkCalendar
import YingcaiCore

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "The official working-day calendar.",
                                                    subcommands: [AddWorkdays.self, Import.self])

    struct AddWorkdays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-workdays",
            abstract: "Print the date N working days after DATE (the day itself not counted).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "Working days, 1 or more.") var days: Int

        func run() async throws {
            guard let start = LocalDate(date) else { throw ValidationError("DATE is YYYY-MM-DD") }
            guard days >= 1 else { throw ValidationError("N is 1 or more") }
            try await withCore(common) { core in
                let result = try await core.calendars.calendar().addWorkdays(days, to: start)
                print(result.value.description + (result.calendarComplete ? "" : "\t(calendarComplete: false: no official arrangement for a year counted; Monday–Friday assumed)"))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load a year's arrangement (CSV: date,kind,name; kind holiday/workday or 休/班).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The year (default: the year of most dates).") var year: Int?

        func run() async throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file) as UTF-8") }
            try await withCore(common) { core in
                do {
                    let a = try await core.calendars.importYear(csv: text, year: year, by: nil)
                    print("loaded \(a.year): \(a.holidays.count) holidays, \(a.workdays.count) adjusted working days")
                } catch let CoreError.validation(errors) {
                    throw ValidationError(errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
            }
        }
    }
}
