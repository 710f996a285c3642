import Testing
import WorkCalendar

/// The generated data against the hand-written notices, day by day over 2020–2026.
@Suite struct OfficialDataTests {
    let calendar = WorkCalendar.official
    let reference = ReferenceCalendar(officialArrangements)
    let allDays = (ymd("2020-01-01").dayNumber...ymd("2026-12-31").dayNumber).map(LocalDate.init(dayNumber:))

    @Test func isWorkdayMatchesGeneratedData() {
        let mismatches = allDays.filter { calendar.isWorkday($0) != reference.isWorkday($0) }
        expectNone(mismatches, "days where isWorkday differs from the generated data")
    }

    @Test func isWorkdayMatchesHandWrittenNotices() {
        let mismatches = allDays.filter { calendar.isWorkday($0) != HandWritten.isWorkday($0) }
        expectNone(mismatches, "days where isWorkday differs from the hand-written notices")
    }

    /// Compared as sets so a disagreement names the exact dates on each side.
    @Test(arguments: HandWritten.years)
    func generatedYearEqualsHandWrittenYear(_ year: HandWrittenYear) throws {
        let generated = try #require(calendar.arrangement(for: year.year))
        let handHolidays = Set(year.periods.flatMap(\.days).filter { $0.year == year.year && !$0.isWeekend })
        let handWorkdays = Set(year.workdays.map(ymd))
        expectNone(Set(generated.holidays.keys).subtracting(handHolidays).sorted(), "weekday holidays only in the generated data")
        expectNone(handHolidays.subtracting(generated.holidays.keys).sorted(), "weekday holidays only in the hand-written data")
        expectNone(generated.workdays.symmetricDifference(handWorkdays).sorted(), "调休 workdays in only one of generated and hand-written data")
        #expect(handWorkdays.allSatisfy { $0.isWeekend })
    }

    @Test func holidayNamesMatchTheirPeriod() {
        for day in allDays {
            let name = calendar.holidayName(day)
            if let allowed = HandWritten.holidayNames[day], !day.isWeekend {
                #expect(name.map(allowed.contains) == true, "\(day): \(String(describing: name)) not in \(allowed)")
            } else {
                #expect(name == nil, "\(day)")
            }
        }
    }

    @Test func everyYearHasPlausibleTotals() {
        // 250 ± a few working days a year; a typo in the data would move this a lot.
        for year in 2020...2026 {
            let total = calendar.workdaysBetween(LocalDate(year: year - 1, month: 12, day: 31)!,
                                                 LocalDate(year: year, month: 12, day: 31)!)
            #expect(total.calendarComplete)
            #expect((244...252).contains(total.value), "\(year): \(total.value)")
        }
    }
}

extension HandWrittenYear: CustomTestStringConvertible {
    var testDescription: String { String(year) }
}
