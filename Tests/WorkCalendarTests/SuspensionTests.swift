import Testing
import WorkCalendar

/// 中止计时: suspension keeps the working days left, resumption restarts from the resume day.
@Suite struct SuspensionTests {
    let calendar = WorkCalendar.official

    @Test func suspendedOnAnAdjustedSundayResumesOntoAnAdjustedSaturday() {
        // Received Fri 27 Sep 2024, 3 working days: due 8 Oct.
        let deadline = calendar.addWorkdays(3, to: ymd("2024-09-27")).value
        // Suspended Sun 29 Sep (调休上班): 30 Sep and 8 Oct are left.
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2024-09-29"), deadline: deadline)
        #expect(remaining == 2)
        // Resumed Thu 10 Oct: Fri 11 and Sat 12 Oct (调休上班).
        let resumed = calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-10"))
        #expect(resumed == CalendarResult(value: ymd("2024-10-12"), calendarComplete: true))
    }

    @Test func suspensionDuringAHolidayLosesNoWorkingDay() {
        let deadline = calendar.addWorkdays(10, to: ymd("2024-09-30")).value
        #expect(deadline == ymd("2024-10-18"))
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2024-10-03"), deadline: deadline)
        #expect(remaining == 10)
        #expect(calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-10")).value == ymd("2024-10-23"))
    }

    @Test func oneDayLeftIsTheNextWorkingDay() {
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2024-09-30"), deadline: ymd("2024-10-08"))
        #expect(remaining == 1)
        // Resumed Fri 4 Oct, inside 国庆节 (through Mon 7 Oct): due Tue 8 Oct.
        #expect(calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-04")).value == ymd("2024-10-08"))
        #expect(calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-11")).value == ymd("2024-10-12"))
    }

    @Test func suspendedOnTheDeadlineDayResumesDueThatDay() {
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2024-10-08"), deadline: ymd("2024-10-08"))
        #expect(remaining == 0)
        let resumed = calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-15"))
        #expect(resumed == CalendarResult(value: ymd("2024-10-15"), calendarComplete: true))
    }

    @Test func suspendedWhenOverdueResumesOverdue() {
        // Two working days (9 and 10 Oct) past the deadline when suspended.
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2024-10-10"), deadline: ymd("2024-10-08"))
        #expect(remaining == -2)
        #expect(calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2024-10-14")).value == ymd("2024-10-14"))
    }

    @Test func resumingIntoAnUnknownYearIsProvisional() {
        let remaining = calendar.remainingOnSuspension(suspendedOn: ymd("2026-12-21"), deadline: ymd("2026-12-30"))
        #expect(remaining == 7)
        let resumed = calendar.resumedDeadline(remaining: remaining, resumedOn: ymd("2027-01-04"))
        #expect(resumed == CalendarResult(value: ymd("2027-01-13"), calendarComplete: false))
    }
}
